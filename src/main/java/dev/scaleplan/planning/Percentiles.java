package dev.scaleplan.planning;

import java.util.Arrays;

/** Percentiles of a sample by linear interpolation between order statistics (Hyndman and Fan 1996, type 7). */
final class Percentiles {

    private Percentiles() {
    }

    /** The {@code probability}-quantile (0 ≤ p ≤ 1) of a non-empty sample; the sample is not modified. */
    static double of(double[] sample, double probability) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, probability);
    }

    /** As {@link #of}, for a sample already sorted ascending. */
    static double ofSorted(double[] sorted, double probability) {
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

    /** The central interval holding {@code confidenceLevel} of the sample, around {@code estimate}. */
    static Interval interval(double estimate, double[] sample, double confidenceLevel) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        double tail = (1 - confidenceLevel) / 2;
        return new Interval(estimate, ofSorted(sorted, tail), ofSorted(sorted, 1 - tail));
    }
}
