package dev.scaleplan.fitting;

import java.util.Arrays;

import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.apache.commons.math3.util.KthSelector;

/**
 * The one percentile definition of scaleplan (fits, predictions and plans all use it): Commons Math's
 * {@link EstimationType#R_7}, Hyndman and Fan (1996)'s type 7 — numpy's and R's default — on order statistics
 * found by its {@link KthSelector}. This class adds what every caller needs around it: non-finite draws left
 * out, probabilities as fractions with 0 allowed (the minimum), and the interval as an {@link Estimate}.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The central {@code level} interval of the finite {@code values}: their
     * {@code (1 − level)/2} and {@code (1 + level)/2} quantiles. Returns null when no value is finite.
     */
    public static double[] interval(double[] values, double level) {
        double[] finite = finite(values);
        if (finite.length == 0) {
            return null;
        }
        return bounds(finite == values ? values.clone() : finite, level);
    }

    /**
     * The type-7 {@code probability}-quantile of a non-empty sample, which is not modified.
     *
     * @throws IllegalArgumentException for an empty sample or a probability outside [0, 1]
     */
    public static double of(double[] sample, double probability) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("the sample is empty");
        }
        return quantile(sample.clone(), probability, new KthSelector());
    }

    /**
     * An estimate with the percentile interval of the finite draws. Without any finite draw the interval
     * has zero width ({@link Estimate#exact}); callers that report intervals must say there are none.
     */
    public static Estimate estimate(double value, double[] draws, double level) {
        double[] interval = interval(draws, level);
        return interval == null ? Estimate.exact(value) : new Estimate(value, interval[0], interval[1]);
    }

    /**
     * As {@link #estimate}, selecting within {@code draws} itself, which it reorders, instead of a copy: for
     * callers that made the array for this alone, such as a prediction band's thousands of samples, where the
     * copy was a sixth of what a prediction allocated.
     */
    public static Estimate estimateInPlace(double value, double[] draws, double level) {
        double[] finite = finite(draws);
        if (finite.length == 0) {
            return Estimate.exact(value);
        }
        double[] bounds = bounds(finite, level);
        return new Estimate(value, bounds[0], bounds[1]);
    }

    /** The finite values: {@code values} itself when all are. */
    private static double[] finite(double[] values) {
        int count = 0;
        for (double value : values) {
            count += Double.isFinite(value) ? 1 : 0;
        }
        if (count == values.length) {
            return values;
        }
        double[] finite = new double[count];
        int i = 0;
        for (double value : values) {
            if (Double.isFinite(value)) {
                finite[i++] = value;
            }
        }
        return finite;
    }

    /** The central {@code level} interval of {@code work}, which it reorders. */
    private static double[] bounds(double[] work, double level) {
        KthSelector selector = new KthSelector();
        return new double[] {quantile(work, (1 - level) / 2, selector), quantile(work, (1 + level) / 2, selector)};
    }

    /**
     * The type-7 quantile of {@code work}, which it reorders. Commons Math takes p in (0, 100]; type 7 at
     * p = 0 is the smallest value.
     */
    private static double quantile(double[] work, double probability, KthSelector selector) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], but was " + probability);
        }
        return probability == 0 ? Arrays.stream(work).min().orElseThrow()
                : EstimationType.R_7.evaluate(work, 100 * probability, selector);
    }
}
