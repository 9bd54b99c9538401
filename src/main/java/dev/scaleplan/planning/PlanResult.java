package dev.scaleplan.planning;

import dev.scaleplan.fitting.ScalingLaw;

/** Anything a planner returns that settles on one training allocation (N, D, C, loss). */
public interface PlanResult {

    /** The training run this plan proposes. */
    Allocation allocation();

    /** The loss another law (a bootstrap draw, say) predicts for this plan's training run. */
    default double lossUnder(ScalingLaw law) {
        return law.loss(allocation().parameters(), allocation().tokens());
    }
}
