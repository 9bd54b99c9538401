package dev.scaleplan.plans;

import java.util.List;

import dev.scaleplan.fits.MetricAnswer;
import dev.scaleplan.web.ApiEstimate;
import io.swagger.v3.oas.annotations.media.Schema;

/** What a target-metric plan reached, through which fits, and how sure that is. */
@Schema(description = "A target-metric plan: the metric's value asked for, the predictor value (task loss) that the "
        + "downstream fit needs for it, and the least compute reaching that under the predictor's law; intervals pair "
        + "the two fits' bootstrap draws (and, calibrated, the law's extrapolation error)")
public record TargetMetricPlan(
        @Schema(description = "The metric", example = "arc_challenge_acc") String name,
        @Schema(description = "The value asked for", example = "0.6") double value,
        @Schema(description = "The predictor the downstream fit maps to the metric (`loss` for the loss)",
                example = "arc_challenge_bpb") String from,
        @Schema(description = "The predictor's value needed (the downstream fit inverted), with its interval over the "
                + "downstream fit's draws") ApiEstimate neededValue,
        @Schema(description = "Least compute reaching the value, with its interval over paired draws of both fits")
        ApiEstimate flops,
        @Schema(description = "N of that compute-optimal allocation, with its interval") ApiEstimate parameters,
        @Schema(description = "D of that allocation, with its interval") ApiEstimate tokens,
        @Schema(description = "Paired draws under which the value was reached / all pairs") PlanResponse.Draws draws,
        @Schema(description = "What the intervals carry: calibrated (the paired draws plus the law's extrapolation error "
                + "at this compute, from its backtest; the default) or confidence (the paired draws alone)",
                example = "calibrated") String band,
        @Schema(description = "The fits chained, from the metric back to N and D") List<MetricAnswer.Link> chain) {
}
