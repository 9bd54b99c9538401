package dev.scaleplan.fits;

import java.util.function.ToDoubleFunction;

import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.RepeatedDataLaw;
import dev.scaleplan.fitting.Repetition;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.QuantityLimits;
import dev.scaleplan.web.ProblemType;

/** Predictions at (N, D) for tokens drawn from a capped number of unique tokens (`uniqueTokens=`). */
final class RepeatedDataPredictions {

    private RepeatedDataPredictions() {
    }

    /** A prediction's unique-token count, checked. */
    record Repeated(double uniqueTokens) {

        ToDoubleFunction<ScalingLaw> loss(double parameters, double tokens) {
            return law -> ((RepeatedDataLaw) law).loss(parameters, tokens, uniqueTokens);
        }

        double epochs(double tokens) {
            return tokens / uniqueTokens;
        }
    }

    /**
     * Null when no unique-token count was given; 400 for a count that is not a finite number within the run
     * limits or that comes with {@code flops}; 422 under a fit that does not model repeated data.
     */
    static Repeated check(Fit fit, Double uniqueTokens, Double flops) {
        if (uniqueTokens == null) {
            return null;
        }
        if (!(uniqueTokens >= Double.parseDouble(QuantityLimits.MIN_TOKENS) && uniqueTokens <= Double.parseDouble(QuantityLimits.MAX_TOKENS))) {
            throw ApiException.invalidParameter("uniqueTokens", "must be a number from " + QuantityLimits.MIN_TOKENS + " to "
                    + QuantityLimits.MAX_TOKENS);
        }
        if (flops != null) {
            throw ApiException.invalidParameter("uniqueTokens", "give parameters and tokens with uniqueTokens, not flops");
        }
        if (!(fit.law() instanceof RepeatedDataLaw)) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "A " + fit.form() + " law assumes fresh data, so it"
                    + " cannot say what repeating " + uniqueTokens + " unique tokens costs; fit form data-constrained"
                    + " on runs that carry uniqueTokens (Muennighoff et al. 2023, published R*_D = "
                    + Repetition.PUBLISHED_R_STAR_D + ")");
        }
        return new Repeated(uniqueTokens);
    }
}
