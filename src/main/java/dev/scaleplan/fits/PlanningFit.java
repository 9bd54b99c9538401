package dev.scaleplan.fits;

import java.util.List;

import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.planning.FittedRegion;

/**
 * What planning needs of a stored fit: the best-fit law, its bootstrap draws, the confidence level,
 * the runs it was fitted on, whether the project's runs changed since, and its warnings.
 *
 * @param stale        true when the project's runs changed since the fit
 * @param warnings     the fit's own warnings (conditioning, bootstrap failures, flops mismatches)
 * @param target       what the fit fits when it is not the loss (a task's loss), else null
 * @param shapeAtBound E and the exponents at a bound of their domain (none for an IsoFLOP analysis)
 */
public record PlanningFit(long id, String form, ScalingLaw law, List<ScalingLaw> draws, double confidenceLevel,
                          FittedRegion region, long dataRevision, long currentDataRevision, boolean stale,
                          List<String> warnings, String target, List<String> shapeAtBound) {

    public PlanningFit {
        draws = List.copyOf(draws);
        warnings = List.copyOf(warnings);
        shapeAtBound = List.copyOf(shapeAtBound);
    }

    /** The largest compute the law was fitted on. */
    public double maxObservedFlops() {
        return region.flops().max();
    }
}
