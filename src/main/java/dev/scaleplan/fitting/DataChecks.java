package dev.scaleplan.fitting;

import dev.scaleplan.fitting.FitFailure.Reason;
import dev.scaleplan.fitting.PowerLaw.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Whether a data set can determine a form's parameters at all. */
final class DataChecks {

    /** A fit needs this many distinct points beyond its parameter count. */
    static final int SPARE_POINTS = 2;

    /**
     * Smallest max/min ratio of a quantity the form depends on. Over less than a factor of 2 a term
     * {@code A/x^α} is nearly linear in log x, so its exponent trades off freely against its
     * coefficient and E (e.g. β = −0.2 and E = 0 from token counts within 0.4% of each other).
     */
    static final double MIN_SPREAD = 2;

    private DataChecks() {
    }

    /**
     * Fails, in this order, when there are fewer runs than {@code parameters + spare}, when a value
     * is not finite and positive, when a quantity the form depends on does not vary, when one varies
     * less than {@link #MIN_SPREAD}× (not identifiable), or when there
     * are fewer distinct points (tuples of the quantities the form depends on: (N, D) for Chinchilla
     * and Kaplan, x for a power law in x) than {@code parameters + spare}.
     */
    static Optional<FitFailure> check(LawForm form, FitData data, int spare) {
        int needed = form.parameterCount() + spare;
        if (data.size() < needed) {
            return failure(Reason.TOO_FEW_RUNS, form.id() + " has " + form.parameterCount()
                    + " parameters and needs at least " + needed + " runs; got " + data.size());
        }
        for (double[] values : List.of(data.parameters(), data.tokens(), data.flops(), data.loss())) {
            for (double value : values) {
                if (!(value > 0) || Double.isInfinite(value)) {
                    return failure(Reason.INVALID_DATA, "every N, D, C and loss must be positive and finite; got "
                            + value);
                }
            }
        }
        for (double value : data.uniqueTokens()) {
            if (!(value > 0) || Double.isInfinite(value)) {
                return failure(Reason.INVALID_DATA, "every unique-token count must be positive and finite; got " + value);
            }
        }
        for (double value : data.experts()) {
            if (!(value >= 1) || Double.isInfinite(value)) {
                return failure(Reason.INVALID_DATA, "every expert count must be at least 1 and finite; got " + value);
            }
        }
        List<double[]> columns = new ArrayList<>();
        for (Variable variable : Variable.values()) {
            if (form.variables().contains(variable)) {
                columns.add(column(data, variable));
            }
        }
        if (form.usesUniqueTokens()) {
            columns.add(data.uniqueTokens());
        }
        if (form.usesExperts()) {
            columns.add(data.experts());
            Range experts = Range.of(data.experts());
            if (experts.min() == experts.max()) {
                return failure(Reason.NO_SPREAD, "every run has " + (long) experts.min() + " expert(s), so "
                        + form.id() + " cannot separate the effect of experts; upload dense and routed runs");
            }
        }
        for (Variable variable : Variable.values()) {
            if (form.variables().contains(variable)) {
                Range range = Range.of(column(data, variable));
                if (range.min() == range.max()) {
                    return failure(Reason.NO_SPREAD, "every run has the same " + describe(variable) + " ("
                            + range.min() + "), so " + form.id() + " cannot be fitted");
                }
            }
        }
        for (Variable variable : Variable.values()) {
            if (form.variables().contains(variable)) {
                Range range = Range.of(column(data, variable));
                double spread = range.max() / range.min();
                if (spread < MIN_SPREAD) {
                    return Optional.of(new FitFailure(Reason.NOT_IDENTIFIABLE, String.format(Locale.ROOT,
                            "the %s spans only %.4g× (%.4g to %.4g); %s needs it to vary at least %.0f× to tell its"
                                    + " term apart from the others, so it cannot be fitted. Add runs that vary %s",
                            describe(variable), spread, range.min(), range.max(), form.id(), MIN_SPREAD,
                            symbol(variable)),
                            Map.of("variable", symbol(variable), "spread", spread, "min", range.min(),
                                    "max", range.max(), "minimumSpread", MIN_SPREAD)));
                }
            }
        }
        Set<List<Double>> distinct = new HashSet<>();
        for (int i = 0; i < data.size(); i++) {
            List<Double> point = new ArrayList<>(columns.size());
            for (double[] column : columns) {
                point.add(column[i]);
            }
            distinct.add(point);
            if (distinct.size() >= needed) {
                break;
            }
        }
        if (distinct.size() < needed) {
            return failure(Reason.TOO_FEW_RUNS, form.id() + " has " + form.parameterCount()
                    + " parameters and needs at least " + needed + " distinct points; got " + distinct.size());
        }
        return form.unidentifiable(data);
    }

    private static double[] column(FitData data, Variable variable) {
        return switch (variable) {
            case PARAMETERS -> data.parameters();
            case TOKENS -> data.tokens();
            case FLOPS -> data.flops();
        };
    }

    private static String describe(Variable variable) {
        return switch (variable) {
            case PARAMETERS -> "parameter count N";
            case TOKENS -> "token count D";
            case FLOPS -> "compute C";
        };
    }

    private static String symbol(Variable variable) {
        return switch (variable) {
            case PARAMETERS -> "N";
            case TOKENS -> "D";
            case FLOPS -> "C";
        };
    }

    private static Optional<FitFailure> failure(Reason reason, String message) {
        return Optional.of(new FitFailure(reason, message));
    }
}
