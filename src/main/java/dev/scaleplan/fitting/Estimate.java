package dev.scaleplan.fitting;

/**
 * A point estimate with an interval: for parameters and derived quantities a bootstrap percentile
 * interval, for predictions a confidence or prediction band. Without bootstrap draws,
 * {@code lower == upper == estimate}: that is "no interval", not certainty, and the API reports it as
 * null bounds with a note. A percentile interval need not contain the estimate.
 */
public record Estimate(double estimate, double lower, double upper) {

    /** An estimate without uncertainty. */
    public static Estimate exact(double value) {
        return new Estimate(value, value, value);
    }
}
