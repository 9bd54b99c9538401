package dev.scaleplan.planning;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Plans answered only on request: an allocation below one token per parameter (no published model is
 * trained that way; Kaplan et al.'s GPT-3 allocation is 1.7, Hoffmann et al.'s optimum about 20), or any plan
 * from a law whose irreducible loss or an exponent sits at the bound of its domain, where the fit followed the
 * bound rather than the runs and its optimum is an artefact of it.
 */
public final class DegeneratePlans {

    /** Fewest tokens per parameter an optimised plan may train on without {@code allowDegenerate}. */
    public static final double MIN_TOKENS_PER_PARAMETER = 1;

    private DegeneratePlans() {
    }

    /**
     * Why the plan is degenerate, or empty.
     *
     * @param allocation         the plan's training run
     * @param allocationChosen   whether the caller fixed N or D (then the ratio is theirs and is not judged)
     * @param parametersAtBound  E and exponents of the law at a bound of their domain
     */
    public static Optional<String> reason(Allocation allocation, boolean allocationChosen,
                                          List<String> parametersAtBound) {
        if (!parametersAtBound.isEmpty()) {
            return Optional.of("the law's " + String.join(" and ", parametersAtBound) + (parametersAtBound.size() == 1
                    ? " sits" : " sit") + " at the bound of its domain, so the runs did not determine "
                    + (parametersAtBound.size() == 1 ? "it" : "them") + " and the plan follows the bound, not the data");
        }
        if (!allocationChosen && allocation.tokensPerParameter() < MIN_TOKENS_PER_PARAMETER) {
            return Optional.of(String.format(Locale.ROOT, "it trains %.3g parameters on %.3g tokens, %.3g tokens per"
                            + " parameter, below %.0f: no model is trained that way, and a law asking for it is"
                            + " extrapolating an artefact of its fit", allocation.parameters(), allocation.tokens(),
                    allocation.tokensPerParameter(), MIN_TOKENS_PER_PARAMETER));
        }
        return Optional.empty();
    }
}
