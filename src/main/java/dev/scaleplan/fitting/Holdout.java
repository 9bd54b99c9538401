package dev.scaleplan.fitting;

/**
 * The extrapolation check: the law refitted without the largest-compute runs, and its error
 * predicting them.
 *
 * @param runsHeldOut               how many of the largest-compute runs were left out of the refit
 * @param flopsThreshold            the smallest compute among the held-out runs
 * @param rmseLogLoss               root mean square of {@code log prediction − log loss} on them
 * @param meanAbsoluteRelativeError mean of {@code |prediction/loss − 1|} on them
 */
public record Holdout(int runsHeldOut, double flopsThreshold, double rmseLogLoss, double meanAbsoluteRelativeError) {
}
