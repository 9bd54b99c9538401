package dev.scaleplan.planning;

import dev.scaleplan.fitting.ScalingLaw;

/**
 * A compute-optimal plan when unique data is capped.
 *
 * @param allocation the training run; its loss is predicted on the effective data and parameters
 * @param uniqueTokens the cap U on unique tokens
 * @param epochs D / U, passes over the unique data (below 1 when the data is not exhausted)
 * @param effectiveTokens D', the token count the law is evaluated at
 * @param unconstrained the compute-optimal plan for the same budget with unlimited unique data
 * @param lossPenalty predicted loss minus the unconstrained plan's loss (0 when the cap does not bind)
 * @param rStarD the R*_D the plan was made with
 * @param rStarN the R*_N the plan was made with; null when the law's parameter term was not decayed
 */
public record DataConstrainedPlan(Allocation allocation, double uniqueTokens, double epochs, double effectiveTokens,
                                  Allocation unconstrained, double lossPenalty, double rStarD, Double rStarN)
        implements PlanResult {

    /** The same run under {@code law} (a bootstrap draw), with the draw's own repetition constants. */
    @Override
    public double lossUnder(ScalingLaw law) {
        return DataConstrained.repeated(law).loss(allocation.parameters(), allocation.tokens(), uniqueTokens);
    }
}
