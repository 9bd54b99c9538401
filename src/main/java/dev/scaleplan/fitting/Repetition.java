package dev.scaleplan.fitting;

/**
 * The value of repeated data and of excess parameters, from Muennighoff et al. 2023, "Scaling
 * Data-Constrained Language Models", §3.1. Both follow one pattern: of a total T built on U unique units
 * (tokens, or the parameters the unique data can use) with R = T/U − 1 repetitions, the effective amount is
 * {@code U + U·R*·(1 − e^(−R/R*))} (their eq. 5 for data with R*_D, eq. 6 for parameters with R*_N): the
 * first repetitions are worth almost as much as fresh units, and the total saturates at U·(1 + R*).
 */
public final class Repetition {

    /** Muennighoff et al. 2023's fitted R*_D (eq. 5; their Table/Figure 3 fit on 400+ runs). */
    public static final double PUBLISHED_R_STAR_D = 15.4;

    /** Muennighoff et al. 2023's fitted R*_N (eq. 6). */
    public static final double PUBLISHED_R_STAR_N = 5.3;

    /**
     * What the paper says of the constants' uncertainty: point estimates without intervals, and refits of
     * its public runs move R*_D several-fold depending on how they are done.
     */
    public static final String PUBLISHED_UNCERTAINTY = "Muennighoff et al. 2023 publish R*_D = 15.4 and R*_N = 5.3"
            + " as point estimates without an interval, and refits of their public runs give R*_D anywhere from about"
            + " 15 to 80 depending on the method, so treat the repeated-data penalty as uncertain by a factor of a few.";

    /**
     * Beyond this many epochs repeated data stops being nearly as good as fresh data: Muennighoff et al.
     * 2023 (§5, Figure 4) find up to about 4 epochs changes the loss negligibly, and the value decays after.
     */
    public static final double NEARLY_FRESH_EPOCHS = 4;

    private Repetition() {
    }

    /**
     * {@code U + U·R*·(1 − e^(−R/R*))} with {@code R = total/min(total, unique) − 1}: the effective
     * amount of {@code total} units built on {@code unique} (eqs. 5 and 6); {@code total} itself when
     * nothing is repeated.
     */
    public static double effective(double total, double unique, double rStar) {
        double seen = Math.min(total, unique);
        double repetitions = total / seen - 1;
        if (!(repetitions > 0)) {
            return total;
        }
        return seen + seen * rStar * -Math.expm1(-repetitions / rStar);
    }

    /** Passes over the unique data: {@code tokens / min(tokens, uniqueTokens)}. */
    public static double epochs(double tokens, double uniqueTokens) {
        return tokens / Math.min(tokens, uniqueTokens);
    }

    /**
     * U_N of Muennighoff et al. 2023, eq. 6: the compute-optimal model size for {@code uniqueTokens}
     * tokens under {@code L = E + A/N^α + B/D^β}. On Hoffmann et al.'s frontier {@code αA/N^α = βB/D^β}, so
     * {@code N = (αA·D^β/(βB))^(1/α)}; worked in logs.
     */
    public static double logComputeOptimalParameters(double alpha, double logA, double beta, double logB,
                                                     double logUniqueTokens) {
        return (Math.log(alpha) + logA + beta * logUniqueTokens - Math.log(beta) - logB) / alpha;
    }
}
