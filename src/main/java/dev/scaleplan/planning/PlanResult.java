package dev.scaleplan.planning;

/** Anything a planner returns that settles on one training allocation (N, D, C, loss). */
public interface PlanResult {

    /** The training run this plan proposes. */
    Allocation allocation();
}
