package dev.scaleplan.fitting;

/** What a downstream fit returns: a {@link DownstreamFit}, or a {@link DownstreamFailure} saying why there is none. */
public sealed interface DownstreamOutcome permits DownstreamFit, DownstreamFailure {
}
