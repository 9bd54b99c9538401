package dev.scaleplan.fitting;

/**
 * How to run an IsoFLOP analysis.
 *
 * @param bootstrap       bootstrap draws (runs resampled within each budget); 0 gives zero-width intervals
 * @param confidenceLevel coverage of the percentile intervals, in (0, 1)
 * @param seed            seed of the bootstrap
 * @param flopsPerToken   k in C = k·N·D, for D* = C/(k·N*)
 * @param tolerance       relative FLOPs tolerance within one budget (0.1 = runs within 10% of each other)
 * @throws IllegalArgumentException if a value is out of range
 */
public record IsoFlopOptions(int bootstrap, double confidenceLevel, long seed, double flopsPerToken,
                             double tolerance) {

    public IsoFlopOptions {
        if (bootstrap < 0) {
            throw new IllegalArgumentException("bootstrap must not be negative: " + bootstrap);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1): " + confidenceLevel);
        }
        if (!(flopsPerToken > 0) || Double.isInfinite(flopsPerToken)) {
            throw new IllegalArgumentException("flopsPerToken must be positive and finite: " + flopsPerToken);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1): " + tolerance);
        }
    }

    /** 200 draws, 90% intervals, seed 42, k = 6, 10% FLOPs tolerance. */
    public static IsoFlopOptions defaults() {
        return new IsoFlopOptions(200, 0.9, 42, FitOptions.DEFAULT_FLOPS_PER_TOKEN, BudgetGrouping.DEFAULT_TOLERANCE);
    }

    public IsoFlopOptions withBootstrap(int value) {
        return new IsoFlopOptions(value, confidenceLevel, seed, flopsPerToken, tolerance);
    }

    public IsoFlopOptions withSeed(long value) {
        return new IsoFlopOptions(bootstrap, confidenceLevel, value, flopsPerToken, tolerance);
    }
}
