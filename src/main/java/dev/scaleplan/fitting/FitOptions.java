package dev.scaleplan.fitting;

import java.util.Objects;

/**
 * How to fit.
 *
 * @param objective       per-run loss on log-loss residuals
 * @param huberDelta      δ of Huber's loss (ignored for {@link Objective#SQUARED}); Hoffmann et al. use 1e-3
 * @param bootstrap       number of bootstrap refits; with 0 there are no intervals (the {@link Estimate}s have
 *                        zero width, which callers must report as "no interval", see {@link Fit#bootstrapSize()})
 * @param confidenceLevel coverage of the percentile intervals, in (0, 1), e.g. 0.9
 * @param seed            seed of the bootstrap and of the prediction-band sampling
 * @param holdoutFraction share of runs, the largest by compute, held out to check extrapolation
 *                        (at least one run when positive); 0 skips the check
 * @param flopsPerToken   k in {@code C = k·N·D}, used by derived quantities and compute laws
 * @throws IllegalArgumentException if a value is out of range
 */
public record FitOptions(Objective objective, double huberDelta, int bootstrap, double confidenceLevel,
                         long seed, double holdoutFraction, double flopsPerToken) {

    public static final double DEFAULT_HUBER_DELTA = 1e-3;
    public static final double DEFAULT_FLOPS_PER_TOKEN = 6;

    public FitOptions {
        Objects.requireNonNull(objective, "objective");
        if (!(huberDelta > 0) || Double.isInfinite(huberDelta)) {
            throw new IllegalArgumentException("huberDelta must be positive and finite: " + huberDelta);
        }
        if (bootstrap < 0) {
            throw new IllegalArgumentException("bootstrap must not be negative: " + bootstrap);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1): " + confidenceLevel);
        }
        if (!(holdoutFraction >= 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("holdoutFraction must be in [0, 1): " + holdoutFraction);
        }
        if (!(flopsPerToken > 0) || Double.isInfinite(flopsPerToken)) {
            throw new IllegalArgumentException("flopsPerToken must be positive and finite: " + flopsPerToken);
        }
    }

    /** Huber with δ = 1e-3, 100 bootstrap refits, 90% intervals, seed 0, 10% held out, k = 6. */
    public static FitOptions defaults() {
        return new FitOptions(Objective.HUBER, DEFAULT_HUBER_DELTA, 100, 0.9, 0L, 0.1, DEFAULT_FLOPS_PER_TOKEN);
    }

    public FitOptions withObjective(Objective value) {
        return new FitOptions(value, huberDelta, bootstrap, confidenceLevel, seed, holdoutFraction, flopsPerToken);
    }

    public FitOptions withBootstrap(int value) {
        return new FitOptions(objective, huberDelta, value, confidenceLevel, seed, holdoutFraction, flopsPerToken);
    }

    public FitOptions withSeed(long value) {
        return new FitOptions(objective, huberDelta, bootstrap, confidenceLevel, value, holdoutFraction, flopsPerToken);
    }

    public FitOptions withHoldoutFraction(double value) {
        return new FitOptions(objective, huberDelta, bootstrap, confidenceLevel, seed, value, flopsPerToken);
    }

    public FitOptions withConfidenceLevel(double value) {
        return new FitOptions(objective, huberDelta, bootstrap, value, seed, holdoutFraction, flopsPerToken);
    }
}
