package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks of a finished fit that do not make it fail but must travel with it (to its answer and to
 * every plan made from it): parameters stuck at a bound of their domain, intervals spanning orders
 * of magnitude, and bootstrap refits that failed.
 */
public final class FitDiagnostics {

    /** An interval whose upper/lower ratio exceeds this (two orders of magnitude) says the parameter is not determined. */
    public static final double MAX_INTERVAL_RATIO = 100;

    private FitDiagnostics() {
    }

    /** Every warning about {@code fit}, in words, for a fit that asked for {@code bootstrapRequested} refits. */
    public static List<String> warnings(Fit fit, int bootstrapRequested) {
        return warnings(fit.lawForm(), fit.estimate(), fit.parameters(), fit.bootstrapSize(), bootstrapRequested);
    }

    /**
     * The same warnings from a fit's parts: its form, natural best-fit parameters, parameter intervals
     * and successful and requested bootstrap refits (e.g. for a stored fit read without its draws).
     */
    public static List<String> warnings(LawForm form, double[] estimate, Map<String, Estimate> parameters,
                                        int bootstrapSize, int bootstrapRequested) {
        List<String> warnings = new ArrayList<>(atBounds(form, estimate));
        if (bootstrapSize > 0) {
            warnings.addAll(wideIntervals(parameters));
        }
        bootstrapFailures(bootstrapRequested, bootstrapSize).ifPresent(warnings::add);
        return warnings;
    }

    /** Parameters whose best fit sits at a bound of their domain, where the data did not hold them. */
    static List<String> atBounds(LawForm form, double[] estimate) {
        double[] internal = form.toInternal(estimate);
        double[] lower = form.internalLowerBounds();
        double[] upper = form.internalUpperBounds();
        List<String> warnings = new ArrayList<>();
        for (int j = 0; j < internal.length; j++) {
            boolean atLower = ParameterDomains.atBound(internal[j], lower[j]);
            if (atLower || ParameterDomains.atBound(internal[j], upper[j])) {
                String name = form.parameterNames().get(j);
                warnings.add(String.format(Locale.ROOT, "%s = %.4g is at the %s bound of its domain: the runs do not"
                                + " determine it, so the fit is degenerate in that direction and plans from it are"
                                + " unreliable.", name, estimate[j], atLower ? "lower" : "upper"));
            }
        }
        return warnings;
    }

    /** Parameters whose bootstrap interval spans more than {@link #MAX_INTERVAL_RATIO}×, or reaches zero. */
    static List<String> wideIntervals(Map<String, Estimate> parameters) {
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, Estimate> entry : parameters.entrySet()) {
            Estimate e = entry.getValue();
            boolean positive = e.lower() > 0;
            if (positive ? e.upper() / e.lower() > MAX_INTERVAL_RATIO : e.upper() > 0 && e.lower() <= 0) {
                warnings.add(String.format(Locale.ROOT, "The interval of %s, %.3g to %.3g, spans %s: the runs barely"
                                + " constrain it, so predictions and plans far from them are unreliable.",
                        entry.getKey(), e.lower(), e.upper(),
                        positive ? "more than two orders of magnitude" : "zero"));
            }
        }
        return warnings;
    }

    /** A warning when some requested bootstrap refits failed (their intervals rest on the rest). */
    static java.util.Optional<String> bootstrapFailures(int requested, int successful) {
        if (requested <= 0 || successful >= requested) {
            return java.util.Optional.empty();
        }
        if (successful == 0) {
            return java.util.Optional.of("None of the " + requested + " bootstrap refits converged, so there are no"
                    + " intervals; the fit may be ill-conditioned.");
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "%d of %d bootstrap refits failed (%.0f%%); the"
                        + " intervals come from the %d that converged and may understate the uncertainty.",
                requested - successful, requested, 100.0 * (requested - successful) / requested, successful));
    }
}
