package dev.scaleplan.fitting;

import java.util.Arrays;

/**
 * The one percentile implementation of scaleplan (fits, predictions and plans all use it): quantiles
 * linearly interpolated between order statistics, Hyndman and Fan (1996)'s type 7 — numpy's and R's
 * default, and Commons Math's {@code Percentile.EstimationType.R_7}.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The central {@code level} interval of the finite {@code values}: their
     * {@code (1 − level)/2} and {@code (1 + level)/2} quantiles. Returns null when no value is finite.
     */
    public static double[] interval(double[] values, double level) {
        double[] sorted = new double[values.length];
        int finite = 0;
        for (double value : values) {
            if (Double.isFinite(value)) {
                sorted[finite++] = value;
            }
        }
        if (finite == 0) {
            return null;
        }
        if (finite < sorted.length) {
            sorted = Arrays.copyOf(sorted, finite);
        }
        Arrays.sort(sorted);
        return new double[] {quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2)};
    }

    /**
     * Type-7 {@code probability}-quantile of sorted, non-empty values.
     *
     * @throws IllegalArgumentException for an empty sample or a probability outside [0, 1]
     */
    public static double quantile(double[] sorted, double probability) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("the sample is empty");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], but was " + probability);
        }
        double position = probability * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /** The type-7 quantile of an unsorted, non-empty sample, which is not modified. */
    public static double of(double[] sample, double probability) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        return quantile(sorted, probability);
    }

    /**
     * An estimate with the percentile interval of the finite draws. Without any finite draw the interval
     * has zero width ({@link Estimate#exact}); callers that report intervals must say there are none.
     */
    public static Estimate estimate(double value, double[] draws, double level) {
        double[] interval = interval(draws, level);
        return interval == null ? Estimate.exact(value) : new Estimate(value, interval[0], interval[1]);
    }
}
