package dev.scaleplan.planning;

import dev.scaleplan.fitting.ScalingLaw;

/**
 * A compute-optimal plan when unique data is capped.
 *
 * @param allocation the training run; its loss is predicted on the effective tokens, not the raw tokens
 * @param uniqueTokens the cap U on unique tokens
 * @param epochs D / U, passes over the unique data (below 1 when the data is not exhausted)
 * @param effectiveTokens D', the token count the law is evaluated at
 * @param unconstrained the compute-optimal plan for the same budget with unlimited unique data
 * @param lossPenalty predicted loss minus the unconstrained plan's loss (0 when the cap does not bind)
 */
public record DataConstrainedPlan(Allocation allocation, double uniqueTokens, double epochs, double effectiveTokens,
                                  Allocation unconstrained, double lossPenalty) implements PlanResult {

    /** Evaluated on the effective tokens, like this plan's own loss. */
    @Override
    public double lossUnder(ScalingLaw law) {
        return law.loss(allocation.parameters(), effectiveTokens);
    }
}
