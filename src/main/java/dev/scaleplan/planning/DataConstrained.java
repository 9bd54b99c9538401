package dev.scaleplan.planning;

import dev.scaleplan.fitting.ScalingLaw;

/**
 * Compute-optimal planning with a cap on unique data (Muennighoff et al. 2023, "Scaling Data-Constrained
 * Language Models", §3). Repeated tokens are worth less than fresh ones: with U_D = min(D, U)
 * unique tokens seen and R_D = D/U_D − 1 repetitions, the law is evaluated at the effective data
 * D' = U_D + U_D·R_D*·(1 − e^(−R_D/R_D*)), with the paper's fitted R_D* = 15.4.
 *
 * <p>Only the data term is modelled. The paper also decays the value of excess parameters (R_N* ≈ 5.3),
 * which matters for models far larger than the compute-optimal size for the unique data; that term is
 * not applied here, so the penalty for very large models is understated.
 */
public final class DataConstrained {

    /** R_D*: after about this many repetitions extra epochs stop adding effective data (Muennighoff et al. 2023). */
    public static final double REPETITION_DECAY = 15.4;

    private DataConstrained() {
    }

    /** Effective data D' for {@code tokens} drawn from {@code uniqueTokens} unique tokens. */
    public static double effectiveTokens(double tokens, double uniqueTokens) {
        Checks.positive(tokens, "tokens");
        Checks.positive(uniqueTokens, "uniqueTokens");
        double seen = Math.min(tokens, uniqueTokens);
        double repetitions = tokens / seen - 1;
        return seen + seen * REPETITION_DECAY * -Math.expm1(-repetitions / REPETITION_DECAY);
    }

    /**
     * The N (with D = C/(kN)) minimising L(N, D') for the budget, by Brent's method in ln N. When the
     * unconstrained compute-optimal plan needs no more than U tokens, it is the answer unchanged.
     *
     * @return the plan, or {@link PlanOutcome.CannotAllocate} for a law in one variable
     * @throws IllegalArgumentException for a budget, cap or k that is not finite and positive
     */
    public static PlanOutcome<DataConstrainedPlan> plan(ScalingLaw law, double flops, double uniqueTokens,
                                                        double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        Checks.positive(uniqueTokens, "uniqueTokens");
        return ComputeOptimal.allocation(law, flops, flopsPerToken)
                .flatMap(unconstrained -> plan(law, flops, uniqueTokens, flopsPerToken, unconstrained));
    }

    private static PlanOutcome<DataConstrainedPlan> plan(ScalingLaw law, double flops, double uniqueTokens,
                                                         double flopsPerToken, Allocation unconstrained) {
        if (unconstrained.tokens() <= uniqueTokens) {
            return PlanOutcome.planned(new DataConstrainedPlan(unconstrained, uniqueTokens,
                    unconstrained.tokens() / uniqueTokens, unconstrained.tokens(), unconstrained, 0));
        }
        double parameterTokens = flops / flopsPerToken;
        double logParameters = LogSearch.minimise(x -> {
            double parameters = Math.exp(x);
            return law.loss(parameters, effectiveTokens(parameterTokens / parameters, uniqueTokens));
        }, 0, Math.log(parameterTokens));
        double parameters = Math.exp(logParameters);
        double tokens = parameterTokens / parameters;
        double effective = effectiveTokens(tokens, uniqueTokens);
        return Plans.checked(parameters, tokens, flops, law.loss(parameters, effective))
                .map(allocation -> new DataConstrainedPlan(allocation, uniqueTokens, tokens / uniqueTokens,
                        effective, unconstrained, Math.max(0, allocation.loss() - unconstrained.loss())));
    }
}
