package dev.scaleplan.planning;

import java.util.ArrayList;
import java.util.List;

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
            caveats.add(Extrapolation.number(ratio) + " tokens per parameter is outside the fitted runs' "
                    + Extrapolation.number(fitted.min()) + " to " + Extrapolation.number(fitted.max())
                    + ": the law is extrapolated in shape, not only in scale, and this allocation is untested by the data.");
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
