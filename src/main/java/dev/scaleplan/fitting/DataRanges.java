package dev.scaleplan.fitting;

import java.util.Objects;

/** The observed ranges of N, D and C of the runs a law was fitted on. */
public record DataRanges(Range parameters, Range tokens, Range flops) {

    public DataRanges {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(flops, "flops");
    }

    static DataRanges of(FitData data) {
        return new DataRanges(Range.of(data.parameters()), Range.of(data.tokens()), Range.of(data.flops()));
    }
}
