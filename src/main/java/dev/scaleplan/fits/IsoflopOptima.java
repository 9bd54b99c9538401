package dev.scaleplan.fits;

import java.util.Optional;

import dev.scaleplan.plots.PlotInputs;

/**
 * Optima per compute budget from another analysis (e.g. an IsoFLOP fit, Hoffmann et al.'s
 * Approach 2) to draw over a fit's IsoFLOP curves beside the law's own optima. Any bean of this
 * type is asked; none is needed.
 */
public interface IsoflopOptima {

    /** The series to add for this project and fit, if the analysis has one. */
    Optional<PlotInputs.OptimaSeries> optima(String projectId, long fitId);
}
