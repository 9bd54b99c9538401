package dev.scaleplan.planning;

import dev.scaleplan.fitting.ChinchillaLaw;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.TrainingFlops;

/**
 * The compute-optimal allocation: for a budget C, the model size N and token count D minimising the
 * predicted loss subject to C = k·N·D (k FLOPs per parameter per token, 6 by default: Kaplan et al.
 * 2020, §2.1). N and D are kept at least 1 each, so the budget must be at least k FLOPs.
 */
public final class ComputeOptimal {

    /** FLOPs per parameter per training token: 2 forward + 4 backward (Kaplan et al. 2020, §2.1). */
    public static final double DEFAULT_FLOPS_PER_TOKEN = 6;

    private ComputeOptimal() {
    }

    /** {@link #allocation(ScalingLaw, double, double)} with k = 6. */
    public static PlanOutcome<Allocation> allocation(ScalingLaw law, double flops) {
        return allocation(law, flops, DEFAULT_FLOPS_PER_TOKEN);
    }

    /**
     * The (N, D) minimising {@code law.loss(N, D)} with k·N·D = {@code flops}: Hoffmann et al.'s closed form
     * for a {@link ChinchillaLaw}, Brent's method in log N for any other law that allocates compute.
     *
     * @return the allocation, or {@link PlanOutcome.CannotAllocate} for a law in one variable
     * @throws IllegalArgumentException if {@code flops} or {@code flopsPerToken} is not finite and positive,
     *         or the budget is below {@code flopsPerToken}
     */
    public static PlanOutcome<Allocation> allocation(ScalingLaw law, double flops, double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        return allocation(law, flops, TrainingFlops.linear(flopsPerToken));
    }

    /**
     * The (N, D) minimising {@code law.loss(N, D)} with f(N)·D = {@code flops}, f the project's
     * {@linkplain TrainingFlops FLOPs per token}: in closed form for a {@link ChinchillaLaw} under f(N) = k·N,
     * else by Brent's method in ln N.
     *
     * @throws IllegalArgumentException if {@code flops} is not finite and positive, or below f(1)
     */
    public static PlanOutcome<Allocation> allocation(ScalingLaw law, double flops, TrainingFlops compute) {
        Checks.budget(flops, compute);
        if (!law.allocatesCompute()) {
            return cannotAllocate(law);
        }
        double logParameters = law instanceof ChinchillaLaw chinchilla && compute instanceof TrainingFlops.Linear linear
                ? closedFormLogParameters(chinchilla, flops, linear.flopsPerParameter())
                : numericLogParameters(law, flops, compute);
        return Plans.atBudget(law, Math.exp(logParameters), flops, compute);
    }

    /** The failure for a law that depends on one variable only. */
    static <T> PlanOutcome<T> cannotAllocate(ScalingLaw law) {
        return new PlanOutcome.CannotAllocate<>("A " + law.getClass().getSimpleName()
                + " depends on a single variable, so it cannot say how to split compute between parameters"
                + " and tokens; fit a law in both N and D (chinchilla or kaplan).");
    }

    /**
     * Hoffmann et al. 2022, eq. 4 (Approach 3): G = (αA/(βB))^(1/(α+β)), N_opt = G·(C/k)^(β/(α+β)),
     * worked in logs so extreme exponents cannot overflow, and clamped to 1 ≤ N ≤ C/k (the loss is convex
     * in ln N, so the clamped point is the constrained optimum).
     */
    static double closedFormLogParameters(ChinchillaLaw law, double flops, double flopsPerToken) {
        double alpha = law.alpha();
        double beta = law.beta();
        double logG = (Math.log(alpha * law.parameterCoefficient()) - Math.log(beta * law.tokenCoefficient()))
                / (alpha + beta);
        double logParameterTokens = Math.log(flops / flopsPerToken);
        double logParameters = logG + beta / (alpha + beta) * logParameterTokens;
        if (!Double.isFinite(logParameters)) {
            return numericLogParameters(law, flops, TrainingFlops.linear(flopsPerToken));
        }
        return clamp(logParameters, 0, logParameterTokens);
    }

    /** Minimises L(N, C/f(N)) over ln N in [0, ln f⁻¹(C)] (at least one parameter, at least one token). */
    static double numericLogParameters(ScalingLaw law, double flops, TrainingFlops compute) {
        double largest = Math.max(1, compute.parametersFor(flops));
        return LogSearch.minimise(
                logParameters -> law.loss(Math.exp(logParameters), compute.tokens(Math.exp(logParameters), flops)),
                0, Math.log(largest));
    }

    private static double clamp(double value, double lo, double hi) {
        return Math.max(lo, Math.min(hi, value));
    }
}
