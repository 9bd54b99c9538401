package dev.scaleplan.fits;

import java.util.List;

import dev.scaleplan.fitting.ScalingLaw;

/**
 * What planning needs of a stored fit: the best-fit law, its bootstrap draws, the confidence
 * level and the largest compute it was fitted on.
 */
public record PlanningFit(long id, String form, ScalingLaw law, List<ScalingLaw> draws, double confidenceLevel,
                          double maxObservedFlops) {
}
