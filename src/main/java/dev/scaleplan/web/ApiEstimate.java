package dev.scaleplan.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scaleplan.fitting.Estimate;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An {@link Estimate} as the API serves it: the bounds are null, not equal to the estimate, when there
 * were no bootstrap draws to give an interval.
 */
@Schema(name = "Estimate")
public record ApiEstimate(double estimate,
                          @Schema(description = "Lower end of the percentile interval; null without bootstrap draws")
                          @JsonInclude(JsonInclude.Include.ALWAYS) Double lower,
                          @Schema(description = "Upper end of the percentile interval; null without bootstrap draws")
                          @JsonInclude(JsonInclude.Include.ALWAYS) Double upper) {

    /** The estimate with its interval. */
    public static ApiEstimate of(Estimate estimate) {
        return new ApiEstimate(estimate.estimate(), estimate.lower(), estimate.upper());
    }

    /** The estimate, with its interval only when there is one ({@code intervals}). */
    public static ApiEstimate of(Estimate estimate, boolean intervals) {
        return intervals ? of(estimate) : new ApiEstimate(estimate.estimate(), null, null);
    }

    /** Null for null. */
    public static ApiEstimate ofNullable(Estimate estimate) {
        return estimate == null ? null : of(estimate);
    }
}
