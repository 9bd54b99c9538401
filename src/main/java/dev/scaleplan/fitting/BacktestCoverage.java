package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How often each band held in a backtest, by extrapolation ratio: the table a reviewer asks for before
 * a big run. The bootstrap bands (confidence, prediction) are each refit's own; the calibrated band of a
 * cut-off is calibrated on the other cut-offs only (leave one cut-off out), so that it is not scored on
 * the errors it learnt from. Cut-offs are nested, so the other cut-offs have predicted some of the same
 * runs: the check is honest about the refit, not fully about the runs.
 */
public final class BacktestCoverage {

    /** Bands in the order rows are given. */
    public static final List<String> BANDS = List.of("confidence", "prediction", "calibrated");

    /**
     * One row.
     *
     * @param band               confidence, prediction or calibrated
     * @param extrapolationRatio upper end of the row's bucket of C / largest fitted C (2, 10, 100, …); the
     *                           row counts runs beyond the previous row's bucket up to this ratio
     * @param nominal            the coverage the band claims
     * @param covered            predicted runs inside the band
     * @param total              predicted runs scored
     */
    public record Row(String band, double extrapolationRatio, double nominal, int covered, int total) {
    }

    private BacktestCoverage() {
    }

    /** Rows for every band and bucket that scored at least one run, buckets increasing within a band. */
    public static List<Row> rows(List<Backtest.Point> points, double level) {
        List<TreeMap<Double, int[]>> tallies = List.of(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        for (int k = 0; k < points.size(); k++) {
            Backtest.Point point = points.get(k);
            Optional<ExtrapolationError> calibration = ExtrapolationError.calibrate(points, level, k);
            for (Backtest.Scored run : point.scored()) {
                double bucket = bucket(run.flops() / point.largestFittedFlops());
                count(tallies.get(0), bucket, run.confidenceCovered());
                count(tallies.get(1), bucket, run.predictionCovered());
                count(tallies.get(2), bucket, calibration.map(c -> c.covers(run.logError(), run.distance())).orElse(null));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int band = 0; band < BANDS.size(); band++) {
            String name = BANDS.get(band);
            tallies.get(band).forEach((ratio, tally) -> rows.add(new Row(name, ratio, level, tally[0], tally[1])));
        }
        return List.copyOf(rows);
    }

    /** 2 up to 2×, then the next power of ten. */
    static double bucket(double ratio) {
        if (ratio <= 2) {
            return 2;
        }
        return Math.pow(10, Math.ceil(Math.log10(ratio) - 1e-12));
    }

    private static void count(TreeMap<Double, int[]> tally, double bucket, Boolean covered) {
        if (covered == null) {
            return;
        }
        int[] counts = tally.computeIfAbsent(bucket, b -> new int[2]);
        counts[0] += covered ? 1 : 0;
        counts[1]++;
    }
}
