package dev.scaleplan.fitting;

import java.util.Arrays;

/** Percentile intervals over bootstrap draws. */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * The central {@code level} interval of the finite {@code values}: their
     * {@code (1 − level)/2} and {@code (1 + level)/2} quantiles, linearly interpolated between order
     * statistics (Hyndman and Fan's type 7, numpy's default). Returns null when no value is finite.
     */
    static double[] interval(double[] values, double level) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (sorted.length == 0) {
            return null;
        }
        return new double[] {quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2)};
    }

    /** Type-7 quantile of sorted, non-empty values. */
    static double quantile(double[] sorted, double probability) {
        double position = probability * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /** An estimate with the percentile interval of the draws, or zero width when there are none. */
    static Estimate estimate(double value, double[] draws, double level) {
        double[] interval = interval(draws, level);
        return interval == null ? Estimate.exact(value) : new Estimate(value, interval[0], interval[1]);
    }
}
