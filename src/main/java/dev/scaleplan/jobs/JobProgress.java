package dev.scaleplan.jobs;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import dev.scaleplan.fits.FitRequest;
import dev.scaleplan.fitting.FitMonitor.Phase;

/**
 * How far a whole fit job is, from how far its current phase is: each phase the request asks for gets a
 * share of 0 to 1 in the order the fitter runs them (grid, bootstrap, held-out refit). Within a phase
 * the fraction is the fitter's own; the split between phases is an estimate (the bootstrap's refits
 * start from the fit and together cost about what the multi-start grid does; the held-out refit is one
 * more fit), so the bar moves evenly enough without ever going back.
 */
record JobProgress(Map<Phase, Double> shares) {

    private static final double GRID = 0.45;
    private static final double BOOTSTRAP = 0.45;
    private static final double HOLDOUT = 0.10;

    /** The shares for a request: a phase it skips (no bootstrap, no holdout) takes none. */
    static JobProgress of(FitRequest request) {
        boolean bootstrap = !Objects.equals(request.bootstrap(), 0);
        boolean holdout = request.holdout() == null || request.holdout() > 0;
        double total = GRID + (bootstrap ? BOOTSTRAP : 0) + (holdout ? HOLDOUT : 0);
        Map<Phase, Double> shares = new EnumMap<>(Phase.class);
        shares.put(Phase.GRID, GRID / total);
        shares.put(Phase.BOOTSTRAP, bootstrap ? BOOTSTRAP / total : 0);
        shares.put(Phase.HOLDOUT, holdout ? HOLDOUT / total : 0);
        return new JobProgress(shares);
    }

    /** The whole job's progress when {@code fraction} of {@code phase} is done. */
    double overall(Phase phase, double fraction) {
        double before = 0;
        for (Phase earlier : Phase.values()) {
            if (earlier == phase) {
                break;
            }
            before += shares.get(earlier);
        }
        double clamped = Math.min(1, Math.max(0, Double.isNaN(fraction) ? 0 : fraction));
        return Math.min(1, before + shares.get(phase) * clamped);
    }
}
