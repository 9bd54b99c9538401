package dev.scaleplan.fitting;

import java.util.List;

/**
 * Effective-data multipliers between datasets (the seed's "data quality modifiers"): how many tokens of
 * a reference dataset give the loss another dataset reaches with N parameters and D tokens.
 */
public final class EffectiveData {

    /** Largest token count searched, as in the planners. */
    private static final double MAX_LOG_TOKENS = Math.log(1e40);

    private static final int BISECTIONS = 200;

    private EffectiveData() {
    }

    /**
     * The multiplier under the best fits, with the percentile interval over paired bootstrap draws (draw
     * i of one with draw i of the other: the datasets' runs are disjoint, so their bootstraps are
     * independent and any pairing is a valid joint draw). Null when the best fits give no multiplier.
     */
    public static Estimate multiplier(ScalingLaw dataset, List<ScalingLaw> datasetDraws, ScalingLaw reference,
                                      List<ScalingLaw> referenceDraws, double parameters, double tokens,
                                      double confidenceLevel) {
        double best = multiplier(dataset, reference, parameters, tokens);
        if (Double.isNaN(best)) {
            return null;
        }
        int pairs = Math.min(datasetDraws.size(), referenceDraws.size());
        double[] values = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            values[i] = multiplier(datasetDraws.get(i), referenceDraws.get(i), parameters, tokens);
        }
        return Percentiles.estimate(best, values, confidenceLevel);
    }

    /** A law's loss at (N, D) with the percentile interval over its draws. */
    public static Estimate loss(ScalingLaw law, List<ScalingLaw> draws, double parameters, double tokens,
                                double confidenceLevel) {
        double[] values = draws.stream().mapToDouble(draw -> draw.loss(parameters, tokens)).toArray();
        return Percentiles.estimate(law.loss(parameters, tokens), values, confidenceLevel);
    }

    /**
     * {@code D_ref / D}, where {@code reference.loss(N, D_ref) = dataset.loss(N, D)}: above 1 when a token
     * of {@code dataset} is worth more than one of the reference. NaN when the reference cannot reach that
     * loss at N with any amount of data (up to 1e40 tokens), or needs less than one token.
     * Bisection in ln D, since a law's loss falls monotonically with D.
     */
    public static double multiplier(ScalingLaw dataset, ScalingLaw reference, double parameters, double tokens) {
        double target = dataset.loss(parameters, tokens);
        double lo = 0;
        double hi = MAX_LOG_TOKENS;
        if (!Double.isFinite(target) || !(reference.loss(parameters, Math.exp(hi)) < target)
                || !(reference.loss(parameters, Math.exp(lo)) > target)) {
            return Double.NaN;
        }
        for (int i = 0; i < BISECTIONS && hi - lo > 1e-13; i++) {
            double mid = 0.5 * (lo + hi);
            if (reference.loss(parameters, Math.exp(mid)) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(0.5 * (lo + hi)) / tokens;
    }
}
