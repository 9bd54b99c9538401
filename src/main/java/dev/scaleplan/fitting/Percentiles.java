package dev.scaleplan.fitting;

import java.util.Arrays;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * The one percentile definition of scaleplan (fits, predictions and plans all use it): Commons Math's
 * {@link Percentile} with {@link EstimationType#R_7}, Hyndman and Fan (1996)'s type 7 — numpy's and R's
 * default. This class adds what every caller needs around it: non-finite draws left out, probabilities as
 * fractions with 0 allowed (the minimum), and the interval as an {@link Estimate}.
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
        Percentile percentile = typeSeven();
        percentile.setData(finite);
        return new double[] {quantile(percentile, finite, (1 - level) / 2), quantile(percentile, finite, (1 + level) / 2)};
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
        Percentile percentile = typeSeven();
        percentile.setData(sample);
        return quantile(percentile, sample, probability);
    }

    /**
     * An estimate with the percentile interval of the finite draws. Without any finite draw the interval
     * has zero width ({@link Estimate#exact}); callers that report intervals must say there are none.
     */
    public static Estimate estimate(double value, double[] draws, double level) {
        double[] interval = interval(draws, level);
        return interval == null ? Estimate.exact(value) : new Estimate(value, interval[0], interval[1]);
    }

    /** The finite values: {@code values} itself when all are (Commons Math copies what it is given). */
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

    private static Percentile typeSeven() {
        return new Percentile().withEstimationType(EstimationType.R_7);
    }

    /** Commons Math takes p in (0, 100]; type 7 at p = 0 is the smallest value. */
    private static double quantile(Percentile percentile, double[] sample, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], but was " + probability);
        }
        return probability == 0 ? Arrays.stream(sample).min().orElseThrow() : percentile.evaluate(100 * probability);
    }
}
