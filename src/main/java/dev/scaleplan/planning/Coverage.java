package dev.scaleplan.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.scaleplan.fitting.Range;

/**
 * Whether an allocation keeps to the shape of the runs its law was fitted on. A law fitted on runs of
 * 5 to 80 tokens per parameter says little about a model trained on 0.15 (Kaplan et al.'s frontier at
 * large budgets): such an allocation is extrapolated in shape, not only in scale, and says so.
 */
public final class Coverage {

    private Coverage() {
    }

    /** Caveats, in words, for an allocation outside the fitted runs' tokens per parameter; empty when inside. */
    public static List<String> caveats(Allocation allocation, FittedRegion region) {
        List<String> caveats = new ArrayList<>();
        Range fitted = tokensPerParameter(region);
        double ratio = allocation.tokensPerParameter();
        if (ratio < fitted.min() || ratio > fitted.max()) {
            caveats.add(String.format(Locale.ROOT, "%.3g tokens per parameter is outside the fitted runs' %.3g to %.3g:"
                            + " the law is extrapolated in shape, not only in scale, and this allocation is untested"
                            + " by the data.", ratio, fitted.min(), fitted.max()));
        }
        return caveats;
    }

    /**
     * The fitted runs' D/N, or, when it was not recorded, the widest range their N and D allow
     * ({@code D_min/N_max} to {@code D_max/N_min}).
     */
    static Range tokensPerParameter(FittedRegion region) {
        if (region.tokensPerParameter() != null) {
            return region.tokensPerParameter();
        }
        return new Range(region.tokens().min() / region.parameters().max(),
                region.tokens().max() / region.parameters().min());
    }
}
