package dev.scaleplan.planning;

import java.util.Locale;
import java.util.Optional;

import dev.scaleplan.fitting.ScalingLaw;

/**
 * Whether a plan is sensible enough to hand out. A degenerate fit (say β ≈ 0 and E ≈ 0 from runs whose
 * token counts barely vary) can turn a budget into 1.7e20 parameters on one token with a predicted loss
 * of 0.016; such plans are refused, not returned with a number.
 */
public final class Plausibility {

    /** Fewest tokens per parameter a plan may train on: a hundredth of a token per parameter. */
    public static final double MIN_TOKENS_PER_PARAMETER = 1e-2;

    /** Most tokens per parameter: 100,000, fifty times beyond the most over-trained published models. */
    public static final double MAX_TOKENS_PER_PARAMETER = 1e5;

    /**
     * A plan whose loss band lies entirely below this share of the lowest fitted loss is refused: halving
     * the loss takes about 10⁶× the compute under Kaplan et al.'s L ∝ C^−0.05, and is impossible under any
     * Chinchilla fit whose E is above half the observed losses.
     */
    public static final double MIN_SHARE_OF_LOWEST_LOSS = 0.5;

    private Plausibility() {
    }

    /**
     * Why the allocation is not a sensible plan, or empty when it is.
     *
     * @param allocation     the plan's training run under the best fit
     * @param lossUpperBound the upper end of the plan's loss interval, or NaN when it has none
     * @param law            the best-fit law
     * @param region         the runs the law was fitted on
     */
    public static Optional<String> refusal(Allocation allocation, double lossUpperBound, ScalingLaw law,
                                           FittedRegion region) {
        double ratio = allocation.tokensPerParameter();
        if (!(ratio >= MIN_TOKENS_PER_PARAMETER && ratio <= MAX_TOKENS_PER_PARAMETER)) {
            return Optional.of(String.format(Locale.ROOT, "it allocates %.3g tokens to %.3g parameters (%.3g tokens per"
                            + " parameter), outside any sensible range (%.2g to %.0f)", allocation.tokens(),
                    allocation.parameters(), ratio, MIN_TOKENS_PER_PARAMETER, MAX_TOKENS_PER_PARAMETER));
        }
        double irreducible = law.irreducibleLoss();
        if (irreducible > 0 && allocation.loss() < irreducible) {
            return Optional.of(String.format(Locale.ROOT, "its predicted loss %.4g is below the law's irreducible"
                    + " loss E = %.4g", allocation.loss(), irreducible));
        }
        double highest = Double.isNaN(lossUpperBound) ? allocation.loss() : Math.max(allocation.loss(), lossUpperBound);
        if (region.lowestLoss() != null && highest < MIN_SHARE_OF_LOWEST_LOSS * region.lowestLoss()) {
            return Optional.of(String.format(Locale.ROOT, "its predicted loss %.4g (upper end of its band %.4g) is less"
                            + " than half the lowest fitted run's loss %.4g", allocation.loss(), highest,
                    region.lowestLoss()));
        }
        return Optional.empty();
    }
}
