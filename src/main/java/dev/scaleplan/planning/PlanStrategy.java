package dev.scaleplan.planning;

import dev.scaleplan.fitting.ScalingLaw;

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
        return law -> ComputeOptimal.allocation(law, flops, flopsPerToken);
    }

    /** The least compute reaching {@code targetLoss}. */
    static PlanStrategy<Allocation> targetLoss(double targetLoss, double flopsPerToken) {
        Checks.targetLoss(targetLoss, flopsPerToken);
        return law -> TargetLoss.computeOptimal(law, targetLoss, flopsPerToken);
    }

    /** A model of {@code parameters} trained on whatever tokens {@code flops} buys. */
    static PlanStrategy<Allocation> fixedParametersForBudget(double parameters, double flops, double flopsPerToken) {
        Checks.positive(parameters, "parameters");
        Checks.budget(flops, flopsPerToken);
        return law -> FixedAllocation.tokensForBudget(law, parameters, flops, flopsPerToken);
    }

    /** A model of {@code parameters} trained until it reaches {@code targetLoss}. */
    static PlanStrategy<Allocation> fixedParametersForTargetLoss(double parameters, double targetLoss,
                                                                 double flopsPerToken) {
        Checks.positive(parameters, "parameters");
        Checks.targetLoss(targetLoss, flopsPerToken);
        return law -> FixedAllocation.tokensForTargetLoss(law, parameters, targetLoss, flopsPerToken);
    }

    /** {@code tokens} of training on the largest model {@code flops} allows. */
    static PlanStrategy<Allocation> fixedTokensForBudget(double tokens, double flops, double flopsPerToken) {
        Checks.positive(tokens, "tokens");
        Checks.budget(flops, flopsPerToken);
        return law -> FixedAllocation.parametersForBudget(law, tokens, flops, flopsPerToken);
    }

    /** The smallest model that reaches {@code targetLoss} on {@code tokens}. */
    static PlanStrategy<Allocation> fixedTokensForTargetLoss(double tokens, double targetLoss, double flopsPerToken) {
        Checks.positive(tokens, "tokens");
        Checks.targetLoss(targetLoss, flopsPerToken);
        return law -> FixedAllocation.parametersForTargetLoss(law, tokens, targetLoss, flopsPerToken);
    }

    /** Least lifetime compute reaching {@code targetLoss} and then serving {@code inferenceTokens}. */
    static PlanStrategy<InferenceAwarePlan> inferenceAware(double targetLoss, double inferenceTokens,
                                                           double flopsPerToken) {
        Checks.positive(targetLoss, "targetLoss");
        Checks.nonNegative(inferenceTokens, "inferenceTokens");
        Checks.positive(flopsPerToken, "flopsPerToken");
        return law -> InferenceAware.forTargetLoss(law, targetLoss, inferenceTokens, flopsPerToken);
    }

    /**
     * As {@link #inferenceAware}, with the target set by each law to the loss its compute-optimal plan for
     * {@code flops} reaches.
     */
    static PlanStrategy<InferenceAwarePlan> inferenceAwareForBudget(double flops, double inferenceTokens,
                                                                    double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        Checks.nonNegative(inferenceTokens, "inferenceTokens");
        return law -> InferenceAware.forBudget(law, flops, inferenceTokens, flopsPerToken);
    }

    /** The best use of {@code flops} with at most {@code uniqueTokens} unique tokens. */
    static PlanStrategy<DataConstrainedPlan> dataConstrained(double flops, double uniqueTokens,
                                                             double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        Checks.positive(uniqueTokens, "uniqueTokens");
        return law -> DataConstrained.plan(law, flops, uniqueTokens, flopsPerToken);
    }
}
