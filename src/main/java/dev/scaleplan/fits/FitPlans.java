package dev.scaleplan.fits;

import java.util.List;

import dev.scaleplan.plots.PlotInputs;

/**
 * The plans made from a fit, for marking them on its plots. Implemented by the plans feature
 * (which depends on fits, not the other way round).
 */
public interface FitPlans {

    /** At most {@code limit} plans made from the fit, newest first. */
    List<PlotInputs.PlanMark> marks(String projectId, long fitId, int limit);
}
