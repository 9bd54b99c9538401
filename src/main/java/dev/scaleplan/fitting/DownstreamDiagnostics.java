package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks {@link FitDiagnostics} makes of a loss law, made of a downstream fit: levels at the edge of
 * their domain (a [0, 1] level, or a shifted power's offset, pinned where the internal map saturates),
 * intervals spanning orders of magnitude or zero (either sign), and failed bootstrap refits.
 */
public final class DownstreamDiagnostics {

    /** Relative distance from an edge under which a level counts as pinned to it. */
    static final double AT_EDGE = 1e-6;

    private DownstreamDiagnostics() {
    }

    /** Every warning about {@code fit}, in words, for a fit that asked for {@code bootstrapRequested} refits. */
    public static List<String> warnings(DownstreamFit fit, int bootstrapRequested) {
        List<String> warnings = new ArrayList<>(atEdges(fit));
        if (fit.bootstrapSize() > 0) {
            warnings.addAll(wideIntervals(fit.parameters()));
        }
        FitDiagnostics.bootstrapFailures(bootstrapRequested, fit.bootstrapSize()).ifPresent(warnings::add);
        return warnings;
    }

    private static List<String> atEdges(DownstreamFit fit) {
        double[] p = fit.estimate();
        List<String> names = fit.shape().parameterNames();
        List<String> warnings = new ArrayList<>();
        switch (fit.shape()) {
            case EXPONENTIAL -> {
                if (fit.bounded()) {
                    edge(names.get(0), p[0], 0, 1).ifPresent(warnings::add);
                }
            }
            case SIGMOID -> {
                if (fit.bounded()) {
                    edge(names.get(0), p[0], 0, 1).ifPresent(warnings::add);
                    edge(names.get(1), p[1], p[0], 1).ifPresent(warnings::add);
                }
            }
            case SHIFTED_POWER -> {
                edge(names.get(2), p[2], 0, fit.lossRange().min()).ifPresent(warnings::add);
                edge(names.get(3), p[3], 0, fit.metricRange().min()).ifPresent(warnings::add);
            }
        }
        return warnings;
    }

    private static java.util.Optional<String> edge(String name, double value, double lower, double upper) {
        double scale = Math.max(Math.abs(upper - lower), Double.MIN_NORMAL);
        boolean atLower = Math.abs(value - lower) <= AT_EDGE * scale;
        if (!atLower && Math.abs(upper - value) > AT_EDGE * scale) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "%s = %.4g is at the %s edge of its domain: the runs"
                        + " do not determine it, so predictions from this fit beyond the fitted losses are unreliable.",
                name, value, atLower ? "lower" : "upper"));
    }

    /** As {@link FitDiagnostics#wideIntervals}, for parameters of either sign (a falling metric's scale is negative). */
    static List<String> wideIntervals(Map<String, Estimate> parameters) {
        List<String> warnings = new ArrayList<>();
        parameters.forEach((name, e) -> {
            boolean oneSign = e.lower() > 0 || e.upper() < 0;
            double ratio = e.lower() > 0 ? e.upper() / e.lower() : e.lower() / e.upper();
            if (oneSign ? ratio > FitDiagnostics.MAX_INTERVAL_RATIO : e.upper() > e.lower()) {
                warnings.add(String.format(Locale.ROOT, "The interval of %s, %.3g to %.3g, spans %s: the runs barely"
                        + " constrain it, so predictions far from them are unreliable.", name, e.lower(), e.upper(),
                        oneSign ? "more than two orders of magnitude" : "zero"));
            }
        });
        return warnings;
    }
}
