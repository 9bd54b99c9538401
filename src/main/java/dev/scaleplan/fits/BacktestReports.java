package dev.scaleplan.fits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.scaleplan.fitting.Backtest;
import dev.scaleplan.planning.AllocationDrift;
import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.web.ApiEstimate;
import dev.scaleplan.web.ApiException;

/** A stored backtest as clients see it at one budget: each cut-off's allocation drift and a summary in words. */
final class BacktestReports {

    /** The default budget of the drift, in multiples of the largest fitted run's compute. */
    static final double DEFAULT_BUDGET_MULTIPLE = 10;

    private BacktestReports() {
    }

    static BacktestResponse report(StoredBacktest backtest, Calibrations.Calibration calibration, Double flops) {
        double budget = flops == null ? DEFAULT_BUDGET_MULTIPLE * calibration.fittedFlops().max()
                : checkedFlops(flops, backtest.flopsPerToken());
        AllocationDrift drift = calibration.drift(budget);
        List<BacktestResponse.Point> points = new ArrayList<>();
        for (Backtest.Point p : backtest.points()) {
            AllocationDrift.Shift shift = drift.shifts().stream().filter(s -> s.cutoffFlops() == p.cutoffFlops())
                    .findFirst().orElse(null);
            points.add(new BacktestResponse.Point(p.cutoffFlops(), p.largestFittedFlops(), p.extrapolationRatio(),
                    p.runsFitted(), p.runsPredicted(), p.meanRelativeError(), p.maxRelativeError(),
                    p.furthestRelativeError(), shift == null ? null : estimate(shift.parametersRatio()),
                    shift == null ? null : estimate(shift.tokensRatio())));
        }
        String note = backtest.points().isEmpty()
                ? "No cut-off left enough runs below it to refit and above it to predict; add runs at more scales."
                : BacktestService.sentence(backtest.points(),
                backtest.points().get(backtest.points().size() - 1).extrapolationRatio());
        return new BacktestResponse(backtest.fitId(), backtest.form(), backtest.dataRevision(), backtest.runs(), budget,
                points, summary(backtest.points(), drift), note, backtest.durationMs(), backtest.createdAt());
    }

    /**
     * The error at the furthest extrapolation the backtest saw (not the mean over runs near the cut-off)
     * and the largest drift of the allocation.
     */
    static String summary(List<Backtest.Point> points, AllocationDrift drift) {
        if (points.isEmpty()) {
            return "No cut-off left enough runs below it to refit and above it to predict; add runs at more scales.";
        }
        Backtest.Point furthest = points.get(points.size() - 1);
        String error = String.format(Locale.ROOT, "At its furthest extrapolation (%s, fitted below %s FLOPs) the "
                        + "backtest missed the furthest run by %.1f%% (%d runs predicted, %.1f%% on average).",
                BacktestService.times(furthest.extrapolationRatio()),
                number(furthest.cutoffFlops()), 100 * furthest.furthestRelativeError(), furthest.runsPredicted(),
                100 * furthest.meanRelativeError());
        return drift.sentence().map(sentence -> error + " " + sentence + ".").orElse(error);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static ApiEstimate estimate(Estimate interval) {
        return new ApiEstimate(interval.estimate(), interval.lower(), interval.upper());
    }

    static double checkedFlops(double flops, double flopsPerToken) {
        if (!(Double.isFinite(flops) && flops >= flopsPerToken && flops <= 1e40)) {
            throw ApiException.invalidParameter("flops", "must be a finite number between flopsPerToken ("
                    + flopsPerToken + ") and 1e40");
        }
        return flops;
    }
}
