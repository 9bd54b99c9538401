package dev.scaleplan.fitting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a law could not be fitted to the data; a result, not an exception.
 *
 * @param reason  the kind of failure
 * @param message the failure in words
 * @param details measured figures behind it, by name (e.g. {@code variable}, {@code spread}); may be empty
 */
public record FitFailure(Reason reason, String message, Map<String, Object> details) implements FitOutcome {

    public FitFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A failure without measured figures. */
    public FitFailure(Reason reason, String message) {
        this(reason, message, Map.of());
    }

    public enum Reason {
        /** Fewer distinct points than the form's parameters + 2. */
        TOO_FEW_RUNS,
        /** All runs share the same value of a quantity the form depends on. */
        NO_SPREAD,
        /**
         * A quantity the form depends on varies too little (less than {@link DataChecks#MIN_SPREAD}× from
         * smallest to largest) for its term to be told apart from the others.
         */
        NOT_IDENTIFIABLE,
        /** A value is not finite or not positive. */
        INVALID_DATA,
        /** No start of the optimiser reached a finite optimum. */
        DID_NOT_CONVERGE,
        /** The optimum overflows in the natural parameterisation, e.g. an astronomically large coefficient. */
        NON_FINITE,
        /** The caller cancelled the fit ({@link FitMonitor.Stop#CANCELLED}). */
        CANCELLED,
        /** The fit ran out of its time budget ({@link FitMonitor.Stop#TIME_BUDGET}). */
        TIME_BUDGET_EXCEEDED
    }
}
