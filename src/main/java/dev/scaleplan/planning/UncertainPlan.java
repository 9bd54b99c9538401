package dev.scaleplan.planning;

import java.util.Optional;

/**
 * A plan on the best-fit law with bootstrap intervals.
 *
 * @param plan the plan under the best-fit law
 * @param intervals percentile intervals; empty when no draw gave a plan (or no draws were supplied)
 * @param confidenceLevel the intervals' coverage, e.g. 0.95
 * @param drawsUsed draws under which the strategy gave a plan (the others were unreachable and skipped)
 * @param drawsTotal draws supplied
 * @param <T> the kind of plan
 */
public record UncertainPlan<T extends PlanResult>(T plan, Optional<PlanIntervals> intervals, double confidenceLevel,
                                                 int drawsUsed, int drawsTotal) {
}
