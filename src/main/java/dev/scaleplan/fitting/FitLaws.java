package dev.scaleplan.fitting;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A fit's laws, built once: the best fit's and each bootstrap draw's, with the bands computed over them.
 * {@link Fit}'s own band methods build them per call; a caller answering many questions of one fit
 * (a curve of 50 points, a cached fit serving thousands of predictions) keeps one of these instead.
 * Immutable and thread-safe.
 */
public final class FitLaws {

    /** Samples per prediction band, spread evenly over the bootstrap draws. */
    private static final int PREDICTION_SAMPLES = 4000;

    private static final long PREDICTION_STREAM = 0x5DEECE66DL;

    private final Fit fit;
    private final ScalingLaw best;
    private final List<ScalingLaw> draws;
    /** exp of each log residual, taken once: a prediction band multiplies thousands of samples by them. */
    private final double[] residualFactors;

    public FitLaws(Fit fit) {
        this.fit = Objects.requireNonNull(fit, "fit");
        this.best = fit.law();
        this.draws = List.copyOf(fit.drawLaws());
        double[] residuals = fit.residualsView();
        this.residualFactors = new double[residuals.length];
        for (int i = 0; i < residuals.length; i++) {
            residualFactors[i] = Math.exp(residuals[i]);
        }
    }

    /** The best-fit law. */
    public ScalingLaw best() {
        return best;
    }

    /** The law of each bootstrap draw, in draw order. */
    public List<ScalingLaw> draws() {
        return draws;
    }

    /** As {@link Fit#band}. */
    public Estimate band(ToDoubleFunction<ScalingLaw> quantity) {
        double value = quantity.applyAsDouble(best);
        double[] values = new double[draws.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = quantity.applyAsDouble(draws.get(i));
        }
        return Percentiles.estimateInPlace(value, values, fit.confidenceLevel());
    }

    /** As {@link Fit#predict(double, double, Band)}. */
    public Estimate predict(double parameters, double tokens, Band band) {
        return predict(law -> law.loss(parameters, tokens), band);
    }

    /** As {@link Fit#predict(double, double, double, Band)}. */
    public Estimate predict(double parameters, double tokens, double experts, Band band) {
        if (fit.isRouted()) {
            return predict(law -> ((RoutedScalingLaw) law).loss(parameters, tokens, experts), band);
        }
        if (experts != 1) {
            throw new IllegalArgumentException("a " + fit.form() + " fit is dense; fit the moe form for routed models");
        }
        return predict(parameters, tokens, band);
    }

    /** The loss the best-fit law predicts at a point (experts ignored by a dense law). */
    public double loss(double parameters, double tokens, double experts) {
        return best instanceof RoutedScalingLaw routed ? routed.loss(parameters, tokens, experts)
                : best.loss(parameters, tokens);
    }

    /** The loss each bootstrap law predicts at a point, in draw order (empty without draws). */
    public double[] lossDraws(double parameters, double tokens, double experts) {
        double[] losses = new double[draws.size()];
        for (int i = 0; i < losses.length; i++) {
            ScalingLaw law = draws.get(i);
            losses[i] = law instanceof RoutedScalingLaw routed ? routed.loss(parameters, tokens, experts)
                    : law.loss(parameters, tokens);
        }
        return losses;
    }

    /**
     * A predicted loss, {@code loss} of each law, with its band: over the draws for a confidence band, with
     * the residuals resampled on top for a prediction band (e.g. a repeated-data law at (N, D, U)).
     */
    public Estimate predict(ToDoubleFunction<ScalingLaw> loss, Band band) {
        if (band == Band.CONFIDENCE || residualFactors.length == 0) {
            return band(loss);
        }
        List<ScalingLaw> laws = draws.isEmpty() ? List.of(best) : draws;
        int perLaw = Math.max(1, (PREDICTION_SAMPLES + laws.size() - 1) / laws.size());
        SplittableRandom random = new SplittableRandom(fit.seed() ^ PREDICTION_STREAM);
        double[] samples = new double[laws.size() * perLaw];
        int count = 0;
        for (ScalingLaw law : laws) {
            double mean = loss.applyAsDouble(law);
            for (int s = 0; s < perLaw; s++) {
                samples[count++] = mean * residualFactors[random.nextInt(residualFactors.length)];
            }
        }
        return Percentiles.estimateInPlace(loss.applyAsDouble(best), samples, fit.confidenceLevel());
    }
}
