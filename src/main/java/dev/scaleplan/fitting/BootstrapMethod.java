package dev.scaleplan.fitting;

/**
 * How a fit's bootstrap draws were made.
 *
 * @param kind          {@link Kind#REFIT} or {@link Kind#ONE_STEP}
 * @param checkedDraws  for {@link Kind#ONE_STEP}: how many draws were also refitted exactly to check it; else 0
 * @param maxDeviation  for {@link Kind#ONE_STEP}: the root-mean-square difference between the checked draws'
 *                      one-step and exact parameters, in bootstrap standard deviations, for the worst
 *                      parameter; else 0
 */
public record BootstrapMethod(Kind kind, int checkedDraws, double maxDeviation) {

    /** The largest {@code maxDeviation} at which one-step draws are kept (see {@code Bootstrap}). */
    public static final double MAX_ONE_STEP_DEVIATION = 0.15;

    /** Every draw refitted by the optimiser. */
    public static final BootstrapMethod REFIT = new BootstrapMethod(Kind.REFIT, 0, 0);

    public enum Kind {
        /** Every draw minimised to convergence from the best fit. */
        REFIT,
        /**
         * Every draw one Gauss–Newton step from the best fit on the resampled objective (a linearised,
         * estimating-function bootstrap), checked against exact refits of some draws.
         */
        ONE_STEP
    }

    public BootstrapMethod {
        java.util.Objects.requireNonNull(kind, "kind");
        if (checkedDraws < 0 || !(maxDeviation >= 0) || Double.isInfinite(maxDeviation)) {
            throw new IllegalArgumentException("checkedDraws " + checkedDraws + ", maxDeviation " + maxDeviation);
        }
    }
}
