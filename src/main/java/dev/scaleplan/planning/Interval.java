package dev.scaleplan.planning;

/**
 * A best-fit estimate with a bootstrap percentile interval. Percentile bounds need not straddle the
 * estimate when the draws are skewed; they are reported as the draws give them.
 *
 * @param estimate the value under the best-fit law
 * @param lower lower percentile of the bootstrap draws
 * @param upper upper percentile of the bootstrap draws
 */
public record Interval(double estimate, double lower, double upper) {
}
