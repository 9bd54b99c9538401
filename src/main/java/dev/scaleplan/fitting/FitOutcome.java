package dev.scaleplan.fitting;

/** What fitting returns: a {@link Fit}, or a {@link FitFailure} saying why there is none. */
public sealed interface FitOutcome permits Fit, FitFailure {
}
