package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * How far a project's law can be trusted: refit on the runs below a compute cut-off, predict the runs at
 * or above it, and report the relative error in loss against the extrapolation ratio (largest predicted C
 * over largest fitted C), for several cut-offs. Seed pitfall 2 ("extrapolating beyond observed ranges is
 * risky") in the project's own numbers.
 */
public final class Backtest {

    /** Shares of runs (by compute) fitted at the default cut-offs. */
    public static final double[] DEFAULT_SHARES = {0.5, 0.6, 0.7, 0.8, 0.9};

    /** Refits on the runs at the given indices; empty when they cannot be fitted. */
    @FunctionalInterface
    public interface Refit {
        Optional<ScalingLaw> fit(int[] runs);
    }

    /**
     * One cut-off.
     *
     * @param cutoffFlops        runs with C below it were fitted, the rest predicted
     * @param largestFittedFlops the largest C among the fitted runs
     * @param extrapolationRatio largest predicted C / largest fitted C
     * @param runsFitted         runs in the refit
     * @param runsPredicted      runs predicted
     * @param meanRelativeError  mean of |predicted/observed − 1| over the predicted runs
     * @param maxRelativeError   the largest of them
     */
    public record Point(double cutoffFlops, double largestFittedFlops, double extrapolationRatio, int runsFitted,
                        int runsPredicted, double meanRelativeError, double maxRelativeError) {
    }

    private Backtest() {
    }

    /** Cut-offs below which the given shares of runs lie: the C of the run at each share of the sorted runs. */
    public static double[] cutoffsAtShares(double[] flops, double... shares) {
        double[] sorted = flops.clone();
        Arrays.sort(sorted);
        return Arrays.stream(shares).map(share -> sorted[(int) Math.min(sorted.length - 1,
                Math.max(1, Math.round(share * sorted.length)))]).distinct().toArray();
    }

    /**
     * Backtests at every cut-off; cut-offs that leave no run on one side, or whose refit fails, give no
     * point. Points come in increasing extrapolation ratio.
     */
    public static List<Point> run(FitData data, double[] cutoffs, Refit refit) {
        double[] flops = data.flops();
        double[] parameters = data.parameters();
        double[] tokens = data.tokens();
        double[] loss = data.loss();
        List<Point> points = new ArrayList<>();
        for (double cutoff : Arrays.stream(cutoffs).distinct().sorted().toArray()) {
            int[] fitted = IntStream.range(0, flops.length).filter(i -> flops[i] < cutoff).toArray();
            int[] predicted = IntStream.range(0, flops.length).filter(i -> flops[i] >= cutoff).toArray();
            if (fitted.length == 0 || predicted.length == 0) {
                continue;
            }
            Optional<ScalingLaw> law = refit.fit(fitted);
            if (law.isEmpty()) {
                continue;
            }
            double sum = 0;
            double max = 0;
            for (int i : predicted) {
                double error = Math.abs(law.get().loss(parameters[i], tokens[i]) / loss[i] - 1);
                sum += error;
                max = Math.max(max, error);
            }
            double largestFitted = IntStream.of(fitted).mapToDouble(i -> flops[i]).max().orElseThrow();
            double largestPredicted = IntStream.of(predicted).mapToDouble(i -> flops[i]).max().orElseThrow();
            double mean = sum / predicted.length;
            if (Double.isFinite(mean) && Double.isFinite(max)) {
                points.add(new Point(cutoff, largestFitted, largestPredicted / largestFitted, fitted.length,
                        predicted.length, mean, max));
            }
        }
        points.sort(Comparator.comparingDouble(Point::extrapolationRatio));
        return List.copyOf(points);
    }
}
