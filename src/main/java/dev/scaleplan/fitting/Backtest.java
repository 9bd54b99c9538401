package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * How far a project's law can be trusted: refit on the runs below a compute cut-off, predict the runs at
 * or above it, and report the relative error in loss against the extrapolation ratio (largest predicted C
 * over largest fitted C), for several cut-offs. Each predicted run is kept with its extrapolation distance
 * and log error, the raw material of {@link ExtrapolationError}'s calibrated bands and of coverage tables.
 */
public final class Backtest {

    /** Shares of runs (by compute) fitted at the default cut-offs. */
    public static final double[] DEFAULT_SHARES = {0.5, 0.6, 0.7, 0.8, 0.9};

    /** Refits on the runs at the given indices; empty when they cannot be fitted. */
    @FunctionalInterface
    public interface Refit {
        Optional<Refitted> fit(int[] runs);
    }

    /**
     * A band a refit gives at a point (N, D, from U unique tokens: U ≥ D for fresh data), or null when it has
     * none (no bootstrap draws).
     */
    @FunctionalInterface
    public interface Bands {
        Estimate at(double parameters, double tokens, double uniqueTokens, Band band);
    }

    /**
     * A cut-off's refit.
     *
     * @param law        the refitted law
     * @param parameters its natural parameters (in the order its form or analysis defines), kept so that
     *                   its allocation can be recomputed at any budget
     * @param draws      natural parameters of its bootstrap draws (none when it was refitted without)
     * @param bands      its bootstrap bands, or null when it was refitted without draws
     */
    public record Refitted(ScalingLaw law, double[] parameters, double[][] draws, Bands bands) {

        public Refitted {
            Objects.requireNonNull(law, "law");
            parameters = parameters.clone();
            draws = draws.clone();
        }

        /** A refit known only by its law. */
        public static Refitted of(ScalingLaw law) {
            return new Refitted(law, new double[0], new double[0][], null);
        }
    }

    /**
     * One predicted run of one cut-off.
     *
     * @param flops               its compute
     * @param distance            how far the refit extrapolated to it, in spans of the fitted compute
     *                            (see {@link ExtrapolationError#distance})
     * @param logError            {@code ln L − ln prediction}
     * @param confidenceCovered   whether the refit's bootstrap confidence band held the loss (null without draws)
     * @param predictionCovered   whether its bootstrap prediction band did
     */
    public record Scored(double flops, double distance, double logError, Boolean confidenceCovered,
                         Boolean predictionCovered) {

        /** |prediction/L − 1|, from the log error: the one expression for a point's mean, maximum and furthest. */
        public double relativeError() {
            return Math.abs(Math.expm1(-logError));
        }
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
     * @param refitParameters    the refit's natural parameters (empty when not known)
     * @param refitDraws         natural parameters of the refit's bootstrap draws (empty without)
     * @param scored             each predicted run, in increasing compute
     */
    public record Point(double cutoffFlops, double largestFittedFlops, double extrapolationRatio, int runsFitted,
                        int runsPredicted, double meanRelativeError, double maxRelativeError, double[] refitParameters,
                        double[][] refitDraws, List<Scored> scored) {

        public Point {
            refitParameters = refitParameters == null ? new double[0] : refitParameters;
            refitDraws = refitDraws == null ? new double[0][] : refitDraws;
            scored = scored == null ? List.of() : List.copyOf(scored);
        }

        /** The relative error of the furthest-extrapolated run. */
        public double furthestRelativeError() {
            return scored.stream().max(Comparator.comparingDouble(Scored::distance))
                    .map(Scored::relativeError).orElse(maxRelativeError);
        }
    }

    private Backtest() {
    }

    /** Cut-offs below which the given shares of runs lie: the C of the run at each share of the sorted runs. */
    public static double[] cutoffsAtShares(double[] flops, double... shares) {
        if (flops.length == 0) {
            return new double[0];
        }
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
        double[] uniqueTokens = data.uniqueTokens();
        List<Point> points = new ArrayList<>();
        for (double cutoff : Arrays.stream(cutoffs).distinct().sorted().toArray()) {
            int[] fitted = IntStream.range(0, flops.length).filter(i -> flops[i] < cutoff).toArray();
            int[] predicted = IntStream.range(0, flops.length).filter(i -> flops[i] >= cutoff)
                    .boxed().sorted(Comparator.comparingDouble(i -> flops[i])).mapToInt(Integer::intValue).toArray();
            if (fitted.length == 0 || predicted.length == 0) {
                continue;
            }
            Optional<Refitted> result = refit.fit(fitted);
            if (result.isEmpty()) {
                continue;
            }
            ScalingLaw law = result.get().law();
            Bands bands = result.get().bands();
            double largestFitted = IntStream.of(fitted).mapToDouble(i -> flops[i]).max().orElseThrow();
            double smallestFitted = IntStream.of(fitted).mapToDouble(i -> flops[i]).min().orElseThrow();
            double sum = 0;
            double max = 0;
            List<Scored> scored = new ArrayList<>(predicted.length);
            for (int i : predicted) {
                double prediction = lossAt(law, parameters[i], tokens[i], uniqueTokens[i]);
                Scored run = new Scored(flops[i], ExtrapolationError.distance(flops[i], smallestFitted, largestFitted),
                        Math.log(loss[i] / prediction),
                        covered(bands, parameters[i], tokens[i], uniqueTokens[i], loss[i], Band.CONFIDENCE),
                        covered(bands, parameters[i], tokens[i], uniqueTokens[i], loss[i], Band.PREDICTION));
                // Scored.relativeError for all three figures, so the furthest run's is never above the maximum by a
                // rounding (|prediction/L − 1| written directly differs from it in the last bits).
                sum += run.relativeError();
                max = Math.max(max, run.relativeError());
                scored.add(run);
            }
            double largestPredicted = IntStream.of(predicted).mapToDouble(i -> flops[i]).max().orElseThrow();
            double mean = sum / predicted.length;
            if (Double.isFinite(mean) && Double.isFinite(max)) {
                points.add(new Point(cutoff, largestFitted, largestPredicted / largestFitted, fitted.length,
                        predicted.length, mean, max, result.get().parameters(), result.get().draws(), scored));
            }
        }
        points.sort(Comparator.comparingDouble(Point::extrapolationRatio));
        return List.copyOf(points);
    }

    /**
     * A law's loss for a run: a law of repeated data (Muennighoff et al. 2023) sees the run's unique tokens, so a
     * backtest of a data-constrained fit predicts high-epoch runs as the fit itself does; others assume fresh data.
     */
    public static double lossAt(ScalingLaw law, double parameters, double tokens, double uniqueTokens) {
        return law instanceof RepeatedDataLaw repeated ? repeated.loss(parameters, tokens, uniqueTokens)
                : law.loss(parameters, tokens);
    }

    private static Boolean covered(Bands bands, double parameters, double tokens, double uniqueTokens, double loss,
                                   Band band) {
        if (bands == null) {
            return null;
        }
        Estimate interval = bands.at(parameters, tokens, uniqueTokens, band);
        return interval == null ? null : interval.lower() <= loss && loss <= interval.upper();
    }
}
