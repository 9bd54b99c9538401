package dev.scaleplan.planning;

/**
 * A plan that minimises lifetime compute (training plus inference) for a target loss.
 *
 * @param allocation the training run (its flops are the training FLOPs)
 * @param inferenceTokens lifetime inference tokens D_inf
 * @param inferenceFlops 2·N·D_inf
 * @param lifetimeFlops training plus inference FLOPs
 * @param computeOptimal the compute-optimal plan for the same target loss
 * @param computeOptimalLifetimeFlops that plan's training FLOPs plus 2·N_opt·D_inf
 * @param overtrainingFactor how many times the compute-optimal tokens per parameter this plan uses
 * @param parameterRatio N / N_opt (below 1 for a smaller, over-trained model)
 */
public record InferenceAwarePlan(Allocation allocation, double inferenceTokens, double inferenceFlops,
                                 double lifetimeFlops, Allocation computeOptimal, double computeOptimalLifetimeFlops,
                                 double overtrainingFactor, double parameterRatio) implements PlanResult {

    /** Training FLOPs k·N·D_train. */
    public double trainingFlops() {
        return allocation.flops();
    }
}
