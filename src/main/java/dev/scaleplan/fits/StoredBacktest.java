package dev.scaleplan.fits;

import java.time.Instant;
import java.util.List;

import dev.scaleplan.fitting.Backtest;

/**
 * A fit's backtest as stored: every cut-off's refit (its parameters and draws) and every run it
 * predicted, so that answers at any budget, calibrated bands and coverage tables are derived without
 * refitting.
 *
 * @param form          form of the fit ({@code isoflop} for an IsoFLOP analysis)
 * @param dataRevision  the project's data revision the backtest saw
 * @param runs          runs the backtest split
 * @param flopsPerToken k in C = k·N·D of the refits' laws
 * @param points        the cut-offs, in increasing extrapolation ratio
 * @param durationMs    time spent refitting
 */
record StoredBacktest(long fitId, String form, long dataRevision, int runs, double flopsPerToken,
                      List<Backtest.Point> points, long durationMs, Instant createdAt) {

    StoredBacktest {
        points = List.copyOf(points);
    }

    StoredBacktest withCreatedAt(Instant value) {
        return new StoredBacktest(fitId, form, dataRevision, runs, flopsPerToken, points, durationMs, value);
    }
}
