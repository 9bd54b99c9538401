package dev.scaleplan.planning;

import java.util.function.DoubleUnaryOperator;

import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.TrainingFlops;

/**
 * Inference-aware planning (Sardana et al. 2023, "Beyond Chinchilla-Optimal"): for a target loss
 * and D_inf lifetime inference tokens, minimise training plus inference compute
 * {@code k·N·D_train + 2·N·D_inf} subject to {@code L(N, D_train) = target}. Along that iso-loss curve the
 * cost depends on N alone, so this is a one-dimensional minimisation in ln N between the smallest model
 * that can reach the target at all and a little past the compute-optimal model (the optimum is never
 * larger than the compute-optimal model, because inference cost grows with N).
 */
public final class InferenceAware {

    /** A smaller model must save at least this fraction of lifetime compute to replace the compute-optimal one. */
    private static final double TIE_TOLERANCE = 1e-9;

    private InferenceAware() {
    }

    /**
     * The plan for {@code targetLoss}. With no inference tokens it is the
     * {@link TargetLoss#computeOptimal target-loss compute-optimal plan} itself (near-ties within one part in
     * 10⁹ of lifetime FLOPs go to the compute-optimal plan).
     *
     * @throws IllegalArgumentException if {@code targetLoss} or {@code flopsPerToken} is not finite and positive,
     *         or {@code inferenceTokens} is negative or not finite
     */
    public static PlanOutcome<InferenceAwarePlan> forTargetLoss(ScalingLaw law, double targetLoss,
                                                                double inferenceTokens, double flopsPerToken) {
        Checks.positive(targetLoss, "targetLoss");
        Checks.nonNegative(inferenceTokens, "inferenceTokens");
        Checks.positive(flopsPerToken, "flopsPerToken");
        return forTargetLoss(law, targetLoss, inferenceTokens, TrainingFlops.linear(flopsPerToken));
    }

    /** As {@link #forTargetLoss(ScalingLaw, double, double, double)}, with compute C = f(N)·D. */
    public static PlanOutcome<InferenceAwarePlan> forTargetLoss(ScalingLaw law, double targetLoss,
                                                                double inferenceTokens, TrainingFlops compute) {
        Checks.positive(targetLoss, "targetLoss");
        Checks.nonNegative(inferenceTokens, "inferenceTokens");
        return TargetLoss.computeOptimal(law, targetLoss, compute)
                .flatMap(optimal -> plan(law, targetLoss, inferenceTokens, compute, optimal));
    }

    /**
     * The plan for a budget: the target is the loss of the compute-optimal plan for {@code flops}, i.e. "the
     * quality this budget buys, served more cheaply". With inference tokens the result trains a smaller model
     * for longer, so its training FLOPs exceed {@code flops}; its lifetime FLOPs do not exceed those of the
     * compute-optimal plan.
     */
    public static PlanOutcome<InferenceAwarePlan> forBudget(ScalingLaw law, double flops, double inferenceTokens,
                                                            double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        return forBudget(law, flops, inferenceTokens, TrainingFlops.linear(flopsPerToken));
    }

    /** As {@link #forBudget(ScalingLaw, double, double, double)}, with compute C = f(N)·D. */
    public static PlanOutcome<InferenceAwarePlan> forBudget(ScalingLaw law, double flops, double inferenceTokens,
                                                            TrainingFlops compute) {
        Checks.budget(flops, compute);
        Checks.nonNegative(inferenceTokens, "inferenceTokens");
        return ComputeOptimal.allocation(law, flops, compute)
                .flatMap(optimal -> forTargetLoss(law, optimal.loss(), inferenceTokens, compute));
    }

    private static PlanOutcome<InferenceAwarePlan> plan(ScalingLaw law, double targetLoss, double inferenceTokens,
                                                        TrainingFlops compute, Allocation optimal) {
        double optimalLifetime = lifetimeFlops(optimal, inferenceTokens, compute);
        double logOptimalParameters = Math.log(optimal.parameters());
        double logSmallest = logSmallestModel(law, targetLoss, logOptimalParameters);
        double logParameters = LogSearch.minimise(
                x -> Math.log(lifetimeFlops(law, Math.exp(x), targetLoss, inferenceTokens, compute)),
                logSmallest, logOptimalParameters + 1);
        Allocation chosen = optimal;
        PlanOutcome<Allocation> candidate = FixedAllocation.tokensForTargetLoss(law, Math.exp(logParameters),
                targetLoss, compute);
        if (candidate.isPlanned()
                && lifetimeFlops(candidate.orElseThrow(), inferenceTokens, compute) < optimalLifetime * (1 - TIE_TOLERANCE)) {
            chosen = candidate.orElseThrow();
        }
        double inferenceFlops = compute.inferencePerToken(chosen.parameters()) * inferenceTokens;
        if (!Double.isFinite(chosen.flops() + inferenceFlops) || !Double.isFinite(optimalLifetime)) {
            return PlanOutcome.unreachable("Serving " + inferenceTokens
                    + " inference tokens needs compute beyond floating-point range.");
        }
        return PlanOutcome.planned(new InferenceAwarePlan(chosen, inferenceTokens, inferenceFlops,
                chosen.flops() + inferenceFlops, optimal, optimalLifetime,
                chosen.tokensPerParameter() / optimal.tokensPerParameter(),
                chosen.parameters() / optimal.parameters()));
    }

    /** ln of the smallest N with L(N, ∞) below the target (0 if even one parameter gets there). */
    private static double logSmallestModel(ScalingLaw law, double targetLoss, double logOptimalParameters) {
        DoubleUnaryOperator excess =
                x -> law.loss(Math.exp(x), Double.POSITIVE_INFINITY) - targetLoss;
        if (!(excess.applyAsDouble(0) > 0) || !(excess.applyAsDouble(logOptimalParameters) < 0)) {
            return 0;
        }
        return LogSearch.root(excess, 0, logOptimalParameters);
    }

    /** Lifetime FLOPs of the model of N parameters trained to the target, or +infinity if it cannot reach it. */
    private static double lifetimeFlops(ScalingLaw law, double parameters, double targetLoss,
                                        double inferenceTokens, TrainingFlops compute) {
        PlanOutcome<Allocation> training =
                FixedAllocation.tokensForTargetLoss(law, parameters, targetLoss, compute);
        return training.isPlanned() ? lifetimeFlops(training.orElseThrow(), inferenceTokens, compute)
                : Double.POSITIVE_INFINITY;
    }

    private static double lifetimeFlops(Allocation training, double inferenceTokens, TrainingFlops compute) {
        return training.flops() + compute.inferencePerToken(training.parameters()) * inferenceTokens;
    }
}
