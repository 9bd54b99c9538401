package dev.scaleplan.fits;

import java.util.List;
import java.util.OptionalDouble;

import dev.scaleplan.fitting.RoutedScalingLaw;

/**
 * What MoE plan options need of a stored moe fit: its law and bootstrap laws, the confidence level,
 * and φ, the share of active parameters replicated per expert, from its routed runs (empty when they
 * carry no total parameters beyond the active ones).
 */
public record MoePlanningFit(long id, RoutedScalingLaw law, List<RoutedScalingLaw> draws, double confidenceLevel,
                             OptionalDouble expertShare) {
}
