package dev.scaleplan.planning;

import dev.scaleplan.fitting.Estimate;

/**
 * Bootstrap intervals of a plan.
 *
 * @param parameters N re-planned under each usable draw
 * @param tokens D re-planned under each usable draw
 * @param loss the loss every draw predicts for the best-fit plan's own training run, i.e. the uncertainty
 *        of the outcome of the run you would actually launch
 */
public record PlanIntervals(Estimate parameters, Estimate tokens, Estimate loss) {
}
