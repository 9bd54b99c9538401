package dev.scaleplan.planning;

import java.util.Objects;

import dev.scaleplan.fitting.Range;

/**
 * Where a law was fitted: the observed ranges of its runs. Plans and predictions outside it are
 * extrapolations and say so ({@link Extrapolation}, {@link Coverage}).
 *
 * @param parameters         observed N
 * @param tokens             observed D
 * @param flops              observed C
 * @param tokensPerParameter observed D/N, or null when unknown (fits stored before it was recorded)
 * @param lowestLoss         the lowest observed loss, or null when unknown
 */
public record FittedRegion(Range parameters, Range tokens, Range flops, Range tokensPerParameter, Double lowestLoss) {

    public FittedRegion {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(flops, "flops");
    }

    /** A region known only by its largest compute. */
    public static FittedRegion upToFlops(double maxObservedFlops) {
        Range unknown = new Range(0, Double.POSITIVE_INFINITY);
        return new FittedRegion(unknown, unknown, new Range(0, maxObservedFlops), null, null);
    }
}
