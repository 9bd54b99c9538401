package dev.scaleplan.fitting;

import java.util.Objects;

/**
 * Why a metric could not be fitted against the loss.
 *
 * @param reason  the kind of failure
 * @param message what went wrong, in words
 * @param runs    runs that carried the metric
 */
public record DownstreamFailure(Reason reason, String message, int runs) implements DownstreamOutcome {

    public DownstreamFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public enum Reason {
        /** Fewer runs with the metric than the shape's parameters + 2. */
        TOO_FEW_RUNS,
        /** The metric shows no significant monotone relation to the loss. */
        NO_RELATION,
        /** Values the shape cannot take (e.g. a non-positive loss for the shifted power law). */
        INVALID_DATA,
        /** No start of the optimiser reached a finite optimum. */
        DID_NOT_CONVERGE
    }
}
