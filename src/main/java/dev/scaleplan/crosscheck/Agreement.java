package dev.scaleplan.crosscheck;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scaleplan.web.ApiEstimate;
import io.swagger.v3.oas.annotations.media.Schema;

/** Approach 2 beside Approach 3 on one project. */
@Schema(description = "The IsoFLOP analysis (Approach 2) beside the Chinchilla fit (Approach 3) of the same project")
public record Agreement(
        @Schema(description = "Project id", example = "llm-scaling") String projectId,
        @Schema(description = "The latest isoflop fit: exponents of N* ∝ C^a and D* ∝ C^b") Method approach2,
        @Schema(description = "The latest chinchilla fit: a = β/(α+β), b = α/(α+β)") Method approach3,
        @Schema(description = "Approach 2 minus Approach 3, point estimates") Difference difference,
        @Schema(description = "True when the bootstrap intervals of the exponents a overlap and those of b overlap "
                + "(a weaker test than agree); null when either fit has no intervals (fitted with bootstrap 0)",
                example = "true")
        @JsonInclude(JsonInclude.Include.ALWAYS) Boolean overlap,
        @Schema(description = "The verdict in words",
                example = "Approach 2 and Approach 3 agree: a = 0.512 [0.48, 0.55] vs 0.505 [0.49, 0.52].")
        String note,
        @Schema(description = "What each method allocates at one budget, with the loss each predicts") Budget budget,
        @Schema(description = "The plan each method makes at the budget (`flops`), with the intervals a plan carries "
                + "(calibrated when the fit's backtest allows, see `band`)") Plans plans,
        @Schema(description = "True only when each plan's intervals hold the other plan's N*, D* and loss",
                example = "false") boolean agree) {

    /** The two methods' plans at one budget. */
    public record Plans(MethodPlan approach2, MethodPlan approach3) {
    }

    /** One method's compute-optimal plan at the budget. */
    public record MethodPlan(@Schema(example = "14") long fitId, ApiEstimate parameters, ApiEstimate tokens,
                             @Schema(description = "The loss this method predicts for its own plan") ApiEstimate loss,
                             @Schema(description = "calibrated or confidence (bootstrap)", example = "calibrated")
                             String band) {
    }

    /** One method's exponents. */
    public record Method(@Schema(example = "14") long fitId, ApiEstimate a, ApiEstimate b,
                         @Schema(description = "True when runs changed since the fit", example = "false") boolean stale) {
    }

    /** Differences of the exponents. */
    public record Difference(@Schema(example = "0.007") double a, @Schema(example = "-0.007") double b) {
    }

    /** The two compute-optimal allocations of one budget. */
    public record Budget(@Schema(description = "Compute C (the flops parameter, else the largest observed run)",
                                 example = "1e22") double flops,
                         Allocation approach2, Allocation approach3) {
    }

    /** One method's compute-optimal allocation, with bootstrap intervals. */
    public record Allocation(ApiEstimate parameters, ApiEstimate tokens,
                             @Schema(example = "20.1") double tokensPerParameter,
                             @Schema(description = "The loss this method predicts for its own allocation") ApiEstimate loss) {
    }
}
