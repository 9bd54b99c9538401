package dev.scaleplan.fitting;

/** The smallest and largest observed value of a run quantity. */
public record Range(double min, double max) {

    static Range of(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new Range(min, max);
    }
}
