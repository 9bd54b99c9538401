package dev.scaleplan.planning;

import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.TrainingFlops;

/**
 * One planning question, asked of any law: the {@link Planner} asks it of the best fit and of every
 * bootstrap draw. The factories check their numbers at once, so a bad request fails before any planning.
 *
 * @param <T> the kind of plan it gives
 */
@FunctionalInterface
public interface PlanStrategy<T extends PlanResult> {

    /** The plan under {@code law}. */
    PlanOutcome<T> plan(ScalingLaw law);

    /** The compute-optimal allocation of {@code flops}. */
    static PlanStrategy<Allocation> computeOptimal(double flops, double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        return computeOptimal(flops, TrainingFlops.linear(flopsPerToken));
    }

    /** The compute-optimal allocation of {@code flops}, compute counted as C = f(N)·D. */
    static PlanStrategy<Allocation> computeOptimal(double flops, TrainingFlops compute) {
        Checks.budget(flops, compute);
        return law -> ComputeOptimal.allocation(law, flops, compute);
    }

    /** The least compute reaching {@code targetLoss}. */
    static PlanStrategy<Allocation> targetLoss(double targetLoss, double flopsPerToken) {
        Checks.positive(flopsPerToken, "flopsPerToken");
        return targetLoss(targetLoss, TrainingFlops.linear(flopsPerToken));
    }

    /** The least compute reaching {@code targetLoss}, compute counted as C = f(N)·D. */
    static PlanStrategy<Allocation> targetLoss(double targetLoss, TrainingFlops compute) {
        Checks.positive(targetLoss, "targetLoss");
        return law -> TargetLoss.computeOptimal(law, targetLoss, compute);
    }

    /** A model of {@code parameters} trained on whatever tokens {@code flops} buys. */
    static PlanStrategy<Allocation> fixedParametersForBudget(double parameters, double flops, double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        return fixedParametersForBudget(parameters, flops, TrainingFlops.linear(flopsPerToken));
    }

    /** A model of {@code parameters} trained on whatever tokens {@code flops} buys under C = f(N)·D. */
    static PlanStrategy<Allocation> fixedParametersForBudget(double parameters, double flops, TrainingFlops compute) {
        Checks.positive(parameters, "parameters");
        Checks.budget(flops, compute);
        return law -> FixedAllocation.tokensForBudget(law, parameters, flops, compute);
    }

    /** A model of {@code parameters} trained until it reaches {@code targetLoss}. */
    static PlanStrategy<Allocation> fixedParametersForTargetLoss(double parameters, double targetLoss,
                                                                 double flopsPerToken) {
        Checks.positive(flopsPerToken, "flopsPerToken");
        return fixedParametersForTargetLoss(parameters, targetLoss, TrainingFlops.linear(flopsPerToken));
    }

    /** A model of {@code parameters} trained until it reaches {@code targetLoss}, compute counted as C = f(N)·D. */
    static PlanStrategy<Allocation> fixedParametersForTargetLoss(double parameters, double targetLoss,
                                                                 TrainingFlops compute) {
        Checks.positive(parameters, "parameters");
        Checks.positive(targetLoss, "targetLoss");
        return law -> FixedAllocation.tokensForTargetLoss(law, parameters, targetLoss, compute);
    }

    /** {@code tokens} of training on the largest model {@code flops} allows. */
    static PlanStrategy<Allocation> fixedTokensForBudget(double tokens, double flops, double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        return fixedTokensForBudget(tokens, flops, TrainingFlops.linear(flopsPerToken));
    }

    /** {@code tokens} of training on the largest model {@code flops} allows under C = f(N)·D. */
    static PlanStrategy<Allocation> fixedTokensForBudget(double tokens, double flops, TrainingFlops compute) {
        Checks.positive(tokens, "tokens");
        Checks.budget(flops, compute);
        return law -> FixedAllocation.parametersForBudget(law, tokens, flops, compute);
    }

    /** The smallest model that reaches {@code targetLoss} on {@code tokens}. */
    static PlanStrategy<Allocation> fixedTokensForTargetLoss(double tokens, double targetLoss, double flopsPerToken) {
        Checks.positive(flopsPerToken, "flopsPerToken");
        return fixedTokensForTargetLoss(tokens, targetLoss, TrainingFlops.linear(flopsPerToken));
    }

    /** The smallest model that reaches {@code targetLoss} on {@code tokens}, compute counted as C = f(N)·D. */
    static PlanStrategy<Allocation> fixedTokensForTargetLoss(double tokens, double targetLoss, TrainingFlops compute) {
        Checks.positive(tokens, "tokens");
        Checks.positive(targetLoss, "targetLoss");
        return law -> FixedAllocation.parametersForTargetLoss(law, tokens, targetLoss, compute);
    }

    /** Least lifetime compute reaching {@code targetLoss} and then serving {@code inferenceTokens}. */
    static PlanStrategy<InferenceAwarePlan> inferenceAware(double targetLoss, double inferenceTokens,
                                                           double flopsPerToken) {
        Checks.positive(flopsPerToken, "flopsPerToken");
        return inferenceAware(targetLoss, inferenceTokens, TrainingFlops.linear(flopsPerToken));
    }

    /** As {@link #inferenceAware(double, double, double)}, compute counted as C = f(N)·D. */
    static PlanStrategy<InferenceAwarePlan> inferenceAware(double targetLoss, double inferenceTokens,
                                                           TrainingFlops compute) {
        Checks.positive(targetLoss, "targetLoss");
        Checks.nonNegative(inferenceTokens, "inferenceTokens");
        return law -> InferenceAware.forTargetLoss(law, targetLoss, inferenceTokens, compute);
    }

    /**
     * As {@link #inferenceAware}, with the target set by each law to the loss its compute-optimal plan for
     * {@code flops} reaches.
     */
    static PlanStrategy<InferenceAwarePlan> inferenceAwareForBudget(double flops, double inferenceTokens,
                                                                    double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        return inferenceAwareForBudget(flops, inferenceTokens, TrainingFlops.linear(flopsPerToken));
    }

    /** As {@link #inferenceAwareForBudget(double, double, double)}, compute counted as C = f(N)·D. */
    static PlanStrategy<InferenceAwarePlan> inferenceAwareForBudget(double flops, double inferenceTokens,
                                                                    TrainingFlops compute) {
        Checks.budget(flops, compute);
        Checks.nonNegative(inferenceTokens, "inferenceTokens");
        return law -> InferenceAware.forBudget(law, flops, inferenceTokens, compute);
    }

    /** The best use of {@code flops} with at most {@code uniqueTokens} unique tokens. */
    static PlanStrategy<DataConstrainedPlan> dataConstrained(double flops, double uniqueTokens,
                                                             double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        return dataConstrained(flops, uniqueTokens, TrainingFlops.linear(flopsPerToken));
    }

    /** The best use of {@code flops} with at most {@code uniqueTokens} unique tokens, under C = f(N)·D. */
    static PlanStrategy<DataConstrainedPlan> dataConstrained(double flops, double uniqueTokens, TrainingFlops compute) {
        Checks.budget(flops, compute);
        Checks.positive(uniqueTokens, "uniqueTokens");
        return law -> DataConstrained.plan(law, flops, uniqueTokens, compute);
    }
}
