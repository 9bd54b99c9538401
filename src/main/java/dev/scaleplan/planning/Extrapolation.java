package dev.scaleplan.planning;

import java.util.Locale;

/**
 * How far a plan reaches beyond the data the law was fitted on.
 *
 * @param ratio planned compute / largest observed compute
 * @param warning the caution in words when the ratio exceeds {@value #WARN_ABOVE}, else {@code null}
 */
public record Extrapolation(double ratio, String warning) {

    /** Ratios up to this are ordinary; beyond it a warning is given. */
    public static final double WARN_ABOVE = 10;

    /** Beyond this ratio the warning is stronger. */
    public static final double STRONG_WARNING_ABOVE = 1000;

    /**
     * The extrapolation of a plan of {@code plannedFlops} from runs of at most {@code maxObservedFlops}.
     *
     * @throws IllegalArgumentException if either is not finite and positive
     */
    public static Extrapolation of(double plannedFlops, double maxObservedFlops) {
        Checks.positive(plannedFlops, "plannedFlops");
        Checks.positive(maxObservedFlops, "maxObservedFlops");
        double ratio = plannedFlops / maxObservedFlops;
        if (!Double.isFinite(ratio)) {
            ratio = Double.MAX_VALUE;
        }
        return new Extrapolation(ratio, warning(ratio));
    }

    /** Whether the plan lies far enough out to warrant a warning. */
    public boolean hasWarning() {
        return warning != null;
    }

    private static String warning(double ratio) {
        if (ratio <= WARN_ABOVE) {
            return null;
        }
        String times = ratio < 1e6 ? String.format(Locale.ROOT, "%,.0f×", ratio)
                : String.format(Locale.ROOT, "%.1e×", ratio);
        if (ratio <= STRONG_WARNING_ABOVE) {
            return "Planned compute is " + times
                    + " the largest observed run; predictions this far out are uncertain.";
        }
        return "Planned compute is " + times + " the largest observed run; predictions this far out are"
                + " highly speculative. Add runs at larger scale before committing this budget.";
    }
}
