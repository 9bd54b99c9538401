package dev.scaleplan.fitting;

/**
 * Clark et al. 2022, "Unified scaling laws for routed language models", eq. (1) with the saturating
 * expert count of their §4 ("bounded scaling"):
 * {@code log L(N, E) = a·log N + b·log Ê + c·log N·log Ê + d}, with
 * {@code 1/Ê = 1/(E − 1 + (1/E_start − 1/E_max)^−1) + 1/E_max}, so that Ê grows like E for small
 * counts and saturates at E_max. Natural logarithms throughout (the paper's a and b are unchanged by
 * the base; c and d are not). The law has no data term: it holds at the token counts it was fitted on.
 *
 * @param a exponent of N
 * @param b exponent of Ê
 * @param c interaction of log N and log Ê (the paper's "diminishing returns" of routing at larger N)
 * @param d offset
 * @param expertsStart E_start of the saturating transform
 * @param expertsMax E_max of the saturating transform
 */
public record MoeLaw(double a, double b, double c, double d, double expertsStart, double expertsMax)
        implements RoutedScalingLaw {

    @Override
    public double loss(double parameters, double tokens, double experts) {
        return Math.exp(logLoss(Math.log(parameters), logSaturatedExperts(experts, expertsStart, expertsMax)));
    }

    double logLoss(double logParameters, double logSaturatedExperts) {
        return a * logParameters + b * logSaturatedExperts + c * logParameters * logSaturatedExperts + d;
    }

    /**
     * Clark et al. 2022, §5 (Effective Parameter Count): the dense size N̄ with L(N̄, 1) = L(N, E). The
     * dense model's saturated count is Ê(1) = E_start, so
     * {@code log N̄ = (log L(N, E) − b·log E_start − d) / (a + c·log E_start)}.
     */
    @Override
    public double effectiveParameters(double parameters, double experts) {
        double logStart = logSaturatedExperts(1, expertsStart, expertsMax);
        double logLoss = logLoss(Math.log(parameters), logSaturatedExperts(experts, expertsStart, expertsMax));
        return Math.exp((logLoss - b * logStart - d) / (a + c * logStart));
    }

    /** Pure power law in N and Ê: no irreducible term. */
    @Override
    public double irreducibleLoss() {
        return 0;
    }

    /** No data term, so the law cannot split compute between parameters and tokens. */
    @Override
    public boolean allocatesCompute() {
        return false;
    }

    /** {@code log Ê} of Clark et al. 2022, §4: {@code 1/Ê = 1/(E − 1 + (1/E_start − 1/E_max)^−1) + 1/E_max}. */
    static double logSaturatedExperts(double experts, double expertsStart, double expertsMax) {
        double offset = 1 / (1 / expertsStart - 1 / expertsMax);
        return -Math.log(1 / (experts - 1 + offset) + 1 / expertsMax);
    }
}
