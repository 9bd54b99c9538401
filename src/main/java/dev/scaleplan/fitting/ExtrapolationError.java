package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A calibrated band: how the error of a prediction grows with the distance it extrapolates, learnt from
 * the project's own backtest. Locally weighted split-conformal prediction (Lei, G'Sell, Rinaldo,
 * Tibshirani and Wasserman 2018, "Distribution-free predictive inference for regression", JASA 113,
 * §5.2), with the local scale a function of the extrapolation distance {@code x}: the decades beyond
 * the largest fitted run in units of the decades the fitted runs span ({@link #distance}; 0 inside):
 * <ol>
 *   <li>every backtest run predicted by a cut-off's refit gives a log error {@code r = ln L − ln L̂} at its
 *       distance {@code x};</li>
 *   <li>the scale {@code ρ(x) = intercept + slope·x} is the weighted least-squares line of {@code |r|}
 *       on {@code x} (slope ≥ 0: an error that shrinks with distance is not believed);</li>
 *   <li>the half-width is {@code q·ρ(x)}, with {@code q} the weighted conformal quantile of the
 *       normalised scores {@code |r|/ρ(x)} at {@code level·(1 + 1/n)}, {@code n} their effective number;
 *       the band is {@code L̂·exp(±q·ρ(x))}.</li>
 * </ol>
 * Assumptions, stated because the conformal guarantee rests on them and they hold only approximately:
 * the normalised error {@code r/ρ(x)} of the full fit at a new point is distributed like the cut-off
 * refits' (exchangeable). The refits are nested and the runs one cut-off predicts overlap another's, so the
 * scores are dependent; each cut-off therefore carries the same total weight (a cut-off is one experiment,
 * however many runs it predicts), and {@code n} is the Kish effective size of those weights, not the
 * number of runs. {@code ρ} is fitted on the same scores it normalises (two parameters), not on a separate
 * split. The refits use fewer runs than the full fit, which makes the band conservative at a given distance;
 * beyond the furthest distance the backtest reached, {@code ρ} is extrapolated linearly.
 *
 * @param intercept        {@code ρ(0)}, the mean absolute log error of a prediction inside the fitted runs
 * @param slope            growth of the mean absolute log error per fitted span of extrapolated compute
 * @param quantile         {@code q}, the conformal quantile of the normalised scores
 * @param level            the nominal coverage, e.g. 0.9
 * @param cutoffs          refits the calibration learnt from
 * @param runs             predicted runs (scores) it learnt from
 * @param furthestDistance the largest distance a score came from
 */
public record ExtrapolationError(double intercept, double slope, double quantile, double level, int cutoffs,
                                 int runs, double furthestDistance) {

    /** Fewer cut-offs than this give no calibration: one refit says nothing of how error grows. */
    public static final int MIN_CUTOFFS = 2;

    /** Fewer predicted runs than this give no calibration. */
    public static final int MIN_RUNS = 10;

    /** {@code ρ(0)} is at least this share of the mean absolute error, so that no score divides by ~0. */
    private static final double INTERCEPT_FLOOR_SHARE = 0.1;

    /**
     * Calibrates on every point of a backtest; empty when it has fewer than {@value #MIN_CUTOFFS} cut-offs
     * or {@value #MIN_RUNS} predicted runs.
     *
     * @throws IllegalArgumentException if {@code level} is not in (0, 1)
     */
    public static Optional<ExtrapolationError> calibrate(List<Backtest.Point> points, double level) {
        return calibrate(points, level, -1);
    }

    /**
     * As {@link #calibrate(List, double)} without the point at index {@code excluded} (for a
     * leave-one-cut-off-out check of coverage); -1 excludes none.
     */
    public static Optional<ExtrapolationError> calibrate(List<Backtest.Point> points, double level, int excluded) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1): " + level);
        }
        List<double[]> scores = new ArrayList<>();
        int cutoffs = 0;
        for (int k = 0; k < points.size(); k++) {
            List<Backtest.Scored> scored = points.get(k).scored().stream()
                    .filter(s -> Double.isFinite(s.logError()) && Double.isFinite(s.distance())).toList();
            if (k == excluded || scored.isEmpty()) {
                continue;
            }
            cutoffs++;
            for (Backtest.Scored s : scored) {
                // distance, |error|, raw weight (normalised below)
                scores.add(new double[] {Math.max(0, s.distance()), Math.abs(s.logError()), 1.0 / scored.size()});
            }
        }
        if (cutoffs < MIN_CUTOFFS || scores.size() < MIN_RUNS) {
            return Optional.empty();
        }
        double total = scores.stream().mapToDouble(s -> s[2]).sum();
        double sw2 = 0;
        double sx = 0;
        double sxx = 0;
        double sa = 0;
        double sxa = 0;
        for (double[] s : scores) {
            double w = s[2] / total;
            s[2] = w;
            sw2 += w * w;
            sx += w * s[0];
            sxx += w * s[0] * s[0];
            sa += w * s[1];
            sxa += w * s[0] * s[1];
        }
        double variance = sxx - sx * sx;
        double slope = variance > 1e-12 ? (sxa - sx * sa) / variance : 0;
        double intercept = sa - slope * sx;
        if (slope < 0) {
            slope = 0;
            intercept = sa;
        }
        double floor = Math.max(INTERCEPT_FLOOR_SHARE * sa, 1e-9);
        if (intercept < floor) {
            intercept = floor;
            slope = sxx > 0 ? Math.max(0, (sxa - floor * sx) / sxx) : 0;
        }
        double[][] normalised = new double[scores.size()][];
        double furthest = 0;
        for (int j = 0; j < scores.size(); j++) {
            double[] s = scores.get(j);
            normalised[j] = new double[] {s[1] / (intercept + slope * s[0]), s[2]};
            furthest = Math.max(furthest, s[0]);
        }
        double effective = 1 / sw2;
        double quantile = weightedQuantile(normalised, Math.min(1, level * (1 + 1 / effective)));
        return Optional.of(new ExtrapolationError(intercept, slope, quantile, level, cutoffs, scores.size(), furthest));
    }

    /** {@code ρ(x)} at an extrapolation distance (0 or less: inside the fitted runs). */
    public double scale(double distance) {
        return intercept + slope * Math.max(0, distance);
    }

    /** The band's half-width in log loss at a distance. */
    public double logHalfWidth(double distance) {
        return quantile * scale(distance);
    }

    /**
     * The extrapolation distance of a point of compute {@code flops} from runs of compute
     * {@code smallestFittedFlops} to {@code largestFittedFlops}: the decades beyond the largest run over
     * the decades the runs span, {@code log(C / C_max) / log(C_max / C_min)}, 0 inside. In these units a
     * backtest's refit on the lower half of the runs and the full fit extrapolate alike: the error of a
     * law fitted on log C grows with the distance relative to the lever arm the runs give, as the standard
     * error of a regression line grows with {@code (x − x̄)²/Σ(x_i − x̄)²}.
     */
    public static double distance(double flops, double smallestFittedFlops, double largestFittedFlops) {
        double span = Math.log(largestFittedFlops / smallestFittedFlops);
        double beyond = Math.log(flops / largestFittedFlops);
        if (!(beyond > 0)) {
            return 0;
        }
        return span > 0 ? beyond / span : beyond / Math.log(10);
    }

    /** The calibrated band around a predicted loss at a distance. */
    public Estimate band(double predictedLoss, double distance) {
        double h = logHalfWidth(distance);
        return new Estimate(predictedLoss, predictedLoss * Math.exp(-h), predictedLoss * Math.exp(h));
    }

    /** Whether a run of log error {@code logError} at {@code distance} lies inside the band. */
    public boolean covers(double logError, double distance) {
        return Math.abs(logError) <= logHalfWidth(distance);
    }

    /** The smallest score whose cumulative weight (scores sorted) reaches {@code p}; pairs of {score, weight}. */
    private static double weightedQuantile(double[][] scored, double p) {
        double[][] sorted = scored.clone();
        Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
        double cumulative = 0;
        for (double[] s : sorted) {
            cumulative += s[1];
            if (cumulative >= p - 1e-12) {
                return s[0];
            }
        }
        return sorted[sorted.length - 1][0];
    }
}
