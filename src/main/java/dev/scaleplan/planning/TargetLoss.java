package dev.scaleplan.planning;

import java.util.Locale;

import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.TrainingFlops;

/**
 * The least compute whose compute-optimal allocation reaches a target loss. The compute-optimal loss
 * falls monotonically with C, so this is a root of L*(C) = target, found by Brent's method in ln C
 * between k FLOPs (one parameter, one token) and {@value #MAX_FLOPS} FLOPs.
 */
public final class TargetLoss {

    /** The largest budget searched; a target not reached by then is reported unreachable. */
    public static final double MAX_FLOPS = 1e60;

    private TargetLoss() {
    }

    /** {@link #computeOptimal(ScalingLaw, double, double)} with k = 6. */
    public static PlanOutcome<Allocation> computeOptimal(ScalingLaw law, double targetLoss) {
        return computeOptimal(law, targetLoss, ComputeOptimal.DEFAULT_FLOPS_PER_TOKEN);
    }

    /**
     * The least C (with its compute-optimal N and D) whose predicted loss is at most {@code targetLoss}.
     *
     * @return the allocation; {@link PlanOutcome.Unreachable} when the target is at or below the irreducible
     *         loss or needs more than {@value #MAX_FLOPS} FLOPs; {@link PlanOutcome.CannotAllocate} for a law
     *         in one variable
     * @throws IllegalArgumentException if {@code targetLoss} or {@code flopsPerToken} is not finite and positive
     */
    public static PlanOutcome<Allocation> computeOptimal(ScalingLaw law, double targetLoss, double flopsPerToken) {
        Checks.targetLoss(targetLoss, flopsPerToken);
        return computeOptimal(law, targetLoss, TrainingFlops.linear(flopsPerToken));
    }

    /** As {@link #computeOptimal(ScalingLaw, double, double)}, with compute C = f(N)·D. */
    public static PlanOutcome<Allocation> computeOptimal(ScalingLaw law, double targetLoss, TrainingFlops compute) {
        Checks.positive(targetLoss, "targetLoss");
        if (!law.allocatesCompute()) {
            return ComputeOptimal.cannotAllocate(law);
        }
        if (targetLoss <= law.irreducibleLoss()) {
            return PlanOutcome.unreachable(belowIrreducible(law, targetLoss));
        }
        double minFlops = compute.perToken(1);
        double lossAtMin = optimalLoss(law, minFlops, compute);
        if (lossAtMin <= targetLoss) {
            return ComputeOptimal.allocation(law, minFlops, compute);
        }
        double lossAtMax = optimalLoss(law, MAX_FLOPS, compute);
        if (!(lossAtMax <= targetLoss)) {
            return PlanOutcome.unreachable(String.format(Locale.ROOT,
                    "Target loss %.4g is not reached by any compute-optimal plan up to %.0e FLOPs"
                            + " (the law predicts %.4g there).", targetLoss, MAX_FLOPS, lossAtMax));
        }
        double logFlops = LogSearch.root(
                x -> optimalLoss(law, Math.exp(x), compute) - targetLoss,
                Math.log(minFlops), Math.log(MAX_FLOPS));
        return ComputeOptimal.allocation(law, Math.exp(logFlops), compute);
    }

    static String belowIrreducible(ScalingLaw law, double targetLoss) {
        return String.format(Locale.ROOT,
                "Target loss %.4g is at or below the law's irreducible loss %.4g; no model size or amount of"
                        + " data reaches it.", targetLoss, law.irreducibleLoss());
    }

    /** The compute-optimal loss L*(C), or +infinity when the law gives none. */
    private static double optimalLoss(ScalingLaw law, double flops, TrainingFlops compute) {
        PlanOutcome<Allocation> outcome = ComputeOptimal.allocation(law, flops, compute);
        return outcome.isPlanned() ? outcome.orElseThrow().loss() : Double.POSITIVE_INFINITY;
    }
}
