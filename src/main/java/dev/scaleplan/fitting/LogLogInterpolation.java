package dev.scaleplan.fitting;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A non-decreasing function y(x) > 0 read off observed pairs: piecewise linear in (ln x, ln y) between the
 * distinct observed x (several observations at one x are averaged in ln y), and beyond them a power law
 * with the least-squares slope of ln y on ln x over those points, so the curve is continuous and follows the
 * trend rather than the last two points. The values are made non-decreasing first (pool-adjacent-violators
 * on ln y, weighted by observations): the quantities interpolated here (FLOPs per token, parameter counts)
 * grow with model size, and an increasing curve has one inverse.
 *
 * <p>Written here rather than taken from a library: it is ten lines of arithmetic, and Commons Math's
 * interpolators neither extrapolate nor enforce monotonicity.
 */
public final class LogLogInterpolation {

    private final double[] logX;
    private final double[] logY;
    private final double tailSlope;
    private final Range range;

    private LogLogInterpolation(double[] logX, double[] logY, double tailSlope, Range range) {
        this.logX = logX;
        this.logY = logY;
        this.tailSlope = tailSlope;
        this.range = range;
    }

    /**
     * The interpolation through {@code (x[i], y[i])}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold a value that is not
     *         finite and positive
     */
    public static LogLogInterpolation through(double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("x and y must have the same, non-zero length; got " + x.length + " and "
                    + y.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i]))) {
                throw new IllegalArgumentException("x and y must be finite and positive; got (" + x[i] + ", " + y[i]
                        + ") at " + i);
            }
        }
        Integer[] order = IntStream.range(0, x.length).boxed().sorted(Comparator.comparingDouble(i -> x[i]))
                .toArray(Integer[]::new);
        double[] nodeX = new double[x.length];
        double[] nodeY = new double[x.length];
        double[] weight = new double[x.length];
        int nodes = 0;
        for (int i : order) {
            double lx = Math.log(x[i]);
            if (nodes > 0 && nodeX[nodes - 1] == lx) {
                nodeY[nodes - 1] += Math.log(y[i]);
                weight[nodes - 1]++;
            } else {
                nodeX[nodes] = lx;
                nodeY[nodes] = Math.log(y[i]);
                weight[nodes] = 1;
                nodes++;
            }
        }
        for (int j = 0; j < nodes; j++) {
            nodeY[j] /= weight[j];
        }
        double[] lx = Arrays.copyOf(nodeX, nodes);
        double[] ly = nonDecreasing(Arrays.copyOf(nodeY, nodes), Arrays.copyOf(weight, nodes));
        return new LogLogInterpolation(lx, ly, slope(lx, ly), Range.of(x));
    }

    /** y at {@code x}: interpolated inside the observed range, extrapolated along the tail slope outside it. */
    public double at(double x) {
        double lx = Math.log(x);
        int last = logX.length - 1;
        if (lx <= logX[0]) {
            return Math.exp(logY[0] + tailSlope * (lx - logX[0]));
        }
        if (lx >= logX[last]) {
            return Math.exp(logY[last] + tailSlope * (lx - logX[last]));
        }
        int j = Arrays.binarySearch(logX, lx);
        if (j >= 0) {
            return Math.exp(logY[j]);
        }
        int hi = -j - 1;
        int lo = hi - 1;
        double share = (lx - logX[lo]) / (logX[hi] - logX[lo]);
        return Math.exp(logY[lo] + share * (logY[hi] - logY[lo]));
    }

    /** The observed range of x: inside it values are interpolated, outside extrapolated. */
    public Range range() {
        return range;
    }

    /** Whether {@code x} lies inside the observed range (within rounding of its ends). */
    public boolean covers(double x) {
        return x >= range.min() * (1 - 1e-9) && x <= range.max() * (1 + 1e-9);
    }

    /** The slope d ln y / d ln x used beyond the observed range. */
    public double tailSlope() {
        return tailSlope;
    }

    /** Pool-adjacent-violators: the weighted least-squares non-decreasing fit to {@code values}. */
    private static double[] nonDecreasing(double[] values, double[] weights) {
        int n = values.length;
        double[] level = new double[n];
        double[] mass = new double[n];
        int[] width = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            level[blocks] = values[i];
            mass[blocks] = weights[i];
            width[blocks] = 1;
            blocks++;
            while (blocks > 1 && level[blocks - 2] > level[blocks - 1]) {
                double m = mass[blocks - 2] + mass[blocks - 1];
                level[blocks - 2] = (level[blocks - 2] * mass[blocks - 2] + level[blocks - 1] * mass[blocks - 1]) / m;
                mass[blocks - 2] = m;
                width[blocks - 2] += width[blocks - 1];
                blocks--;
            }
        }
        double[] fitted = new double[n];
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < width[b]; k++) {
                fitted[i++] = level[b];
            }
        }
        return fitted;
    }

    /**
     * The least-squares slope of ly on lx, at least 0 (the curve never falls); 1 (proportional) with a single
     * observed x, where no slope can be read off.
     */
    private static double slope(double[] lx, double[] ly) {
        if (lx.length < 2) {
            return 1;
        }
        return Math.max(0, IsoFlopAnalyser.line(lx, ly)[1]);
    }
}
