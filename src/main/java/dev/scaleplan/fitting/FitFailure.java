package dev.scaleplan.fitting;

import java.util.Objects;

/** Why a law could not be fitted to the data; a result, not an exception. */
public record FitFailure(Reason reason, String message) implements FitOutcome {

    public FitFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public enum Reason {
        /** Fewer distinct points than the form's parameters + 2. */
        TOO_FEW_RUNS,
        /** All runs share the same value of a quantity the form depends on. */
        NO_SPREAD,
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
