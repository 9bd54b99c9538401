package dev.scaleplan.web;

/**
 * The one set of bounds for the quantities scaleplan stores and plans with, applied to the values
 * as stored (a run's defaulted {@code flops} = k·N·D included) and to request fields alike. Wide
 * enough for any real experiment; tight enough that no subnormal number (such as 1e-320) or
 * overflow enters the arithmetic, so no response can carry NaN or Infinity. The README's
 * "Limits" table lists them.
 */
public final class QuantityLimits {

    /** Model parameters N. */
    public static final String MIN_PARAMETERS = "1";
    public static final String MAX_PARAMETERS = "1e15";
    /** Training tokens D (and unique tokens). */
    public static final String MIN_TOKENS = "1";
    public static final String MAX_TOKENS = "1e17";
    /** A run's final loss. */
    public static final String MIN_LOSS = "1e-6";
    public static final String MAX_LOSS = "100";
    /** A run's training compute C, given or defaulted. */
    public static final String MIN_FLOPS = "1";
    public static final String MAX_FLOPS = "1e32";
    /** k in C = k·N·D: 6 for dense transformers; below 1 only when N counts parameters a token never touches. */
    public static final String MIN_FLOPS_PER_TOKEN = "0.01";
    public static final String MAX_FLOPS_PER_TOKEN = "1000";
    /** N, D or C a question names (a prediction, a curve, a comparison): far beyond any run, as extrapolation asks. */
    public static final String MIN_QUESTIONED = "1";
    public static final String MAX_QUESTIONED = "1e40";
    private static final double MIN_QUESTIONED_VALUE = value(MIN_QUESTIONED);
    private static final double MAX_QUESTIONED_VALUE = value(MAX_QUESTIONED);

    private QuantityLimits() {
    }

    public static double value(String bound) {
        return Double.parseDouble(bound);
    }

    /** {@code value} of query parameter {@code parameter} when it lies in [1, 1e40]; else a 400 naming it. */
    public static double questioned(String parameter, double value) {
        if (!(value >= MIN_QUESTIONED_VALUE && value <= MAX_QUESTIONED_VALUE)) {
            throw ApiException.invalidParameter(parameter, "must be a number between " + MIN_QUESTIONED + " and "
                    + MAX_QUESTIONED);
        }
        return value;
    }
}
