package dev.scaleplan.plans;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.scaleplan.fits.MetricAnswer;
import dev.scaleplan.web.ApiEstimate;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a plan says, as stored ({@link PlanDocument}) and answered ({@link PlanResponse}). The groups are
 * unwrapped: in JSON every field sits at the top level of the plan.
 */
public record Plan(
        @Schema(description = "Project id", example = "llm-scaling") String projectId,
        @Schema(description = "Fit the plan used", example = "12") long fitId,
        @Schema(description = "Law form of that fit", example = "chinchilla") String form,
        @Schema(description = "Objective", example = "compute-optimal") String objective,
        @JsonUnwrapped Allocation allocation,
        @JsonUnwrapped Uncertainty uncertainty,
        @JsonUnwrapped Spend spend,
        @Schema(description = "Inference-aware figures (Sardana et al. 2023)") PlanResponse.Inference inference,
        @Schema(description = "Data-constrained figures (Muennighoff et al. 2023)") PlanResponse.DataConstraint dataConstrained,
        PlanConventions conventions,
        @Schema(description = "Set when maxParameters capped the model", example = "maxParameters") String constrainedBy,
        @Schema(description = "How far the plan reaches beyond the fitted runs") PlanResponse.Extrapolation extrapolation,
        @Schema(description = "Other ways to spend the same compute, under the same law")
        List<PlanResponse.AlternativePlan> alternatives,
        @Schema(description = "Asked-for metrics (and a target-metric plan's metric) at the plan's run, each through its "
                + "chain (`chain`: its downstream fit, then the law fit of that fit's predictor); bands pair the steps' "
                + "bootstrap draws, and a calibrated plan's add each step's scatter (see docs/chains.md)",
                example = "{\"hellaswag\": {\"estimate\": 0.52, \"lower\": 0.50, \"upper\": 0.54, \"chain\": "
                        + "[{\"fitId\": 14, \"form\": \"downstream\", \"metric\": \"hellaswag\", \"from\": \"loss\"}, "
                        + "{\"fitId\": 12, \"form\": \"chinchilla\", \"target\": \"loss\"}]}}")
        Map<String, MetricAnswer> metrics,
        @JsonUnwrapped Routed routed,
        @Schema(description = "True when the project's runs changed since the fit this plan used", example = "false")
        boolean stale,
        @Schema(description = "Cautions in words: a stale fit, the fit's own warnings, an allocation outside the "
                + "fitted runs' shape, a loss below another form's irreducible loss")
        List<String> warnings,
        @Schema(description = "Set when the project's IsoFLOP analysis (Approach 2) and Chinchilla fit (Approach 3) "
                + "disagree beyond their intervals", example = "Approach 2 (IsoFLOP) and Approach 3 (parametric fit) "
                + "disagree beyond their intervals: …") String agreementNote,
        @Schema(description = "target-metric plans: the metric reached and how (see docs/chains.md)")
        TargetMetricPlan targetMetric,
        @Schema(description = "The quantity predictedLoss is of, when the plan's fit has a `target` (a task's "
                + "bits-per-byte, say; a target-metric plan's predictor); absent for the loss", example = "arc_challenge_bpb")
        String target) {

    public Plan {
        warnings = warnings == null ? List.of() : warnings;
    }

    /** The planned training run. */
    public record Allocation(
            @Schema(description = "Model parameters N, in the project's parameterCount (see conventions)", example = "7.2e10")
            double parameters,
            @Schema(description = "Training tokens D", example = "1.33e12") double tokens,
            @Schema(description = "Training compute C, counted in the project's flopsConvention (C = k·N·D under 6N)",
                    example = "5.76e23") double flops,
            @Schema(description = "D/N of this plan's training run (was tokensPerParameter)", example = "18.4")
            @JsonAlias("tokensPerParameter") double plannedTokensPerParameter) {
    }

    /** The predicted loss and the intervals of N and D, in the band asked for. */
    public record Uncertainty(
            @Schema(description = "Predicted loss with its interval (see band)") ApiEstimate predictedLoss,
            @Schema(description = "Interval of N (see band; absent if no interval could be given)")
            PlanResponse.PercentileInterval parametersInterval,
            @Schema(description = "Interval of D (see band)") PlanResponse.PercentileInterval tokensInterval,
            @Schema(description = "Confidence level of the intervals", example = "0.9") double confidenceLevel,
            @Schema(description = "Draws under which the plan was reachable / all draws") PlanResponse.Draws draws,
            @Schema(description = "The band predictedLoss, parametersInterval and tokensInterval carry: calibrated (loss "
                    + "from the backtest's error at this extrapolation distance, N and D widened by the backtest's allocation "
                    + "drift; the default) or confidence (bootstrap percentiles)", example = "calibrated") String band,
            @Schema(description = "With a calibrated band: the bootstrap intervals, beside it")
            PlanResponse.BootstrapIntervals bootstrap) {
    }

    /** What the run costs on the accelerator the budget named. */
    public record Spend(
            @Schema(description = "Accelerator-hours, when the budget named an accelerator", example = "737280")
            Double acceleratorHours,
            @Schema(description = "Cost, when a price per hour was given", example = "1843200") Double cost,
            @Schema(description = "Hardware figures, when the budget named an accelerator") PlanResponse.Hardware hardware) {

        static Spend of(PlanResponse.Hardware hardware) {
            return hardware == null ? new Spend(null, null, null)
                    : new Spend(hardware.acceleratorHours(), hardware.cost(), hardware);
        }
    }

    /** Routed (mixture-of-experts) options beside the dense plan, when asked for. */
    public record Routed(
            @Schema(description = "Memory to hold the dense plan's weights (when routed options were asked for)")
            PlanResponse.Memory memory,
            @Schema(description = "The moe fit the routed options used", example = "14") Long moeFitId,
            @Schema(description = "How the routed options choose N and D", example = "Clark et al. 2022's law has no data "
                    + "term: each routed option keeps the dense plan's active parameters and tokens (same compute)")
            String moeAllocation,
            @Schema(description = "Routed (MoE) options at the same compute, side by side with the dense plan")
            List<PlanResponse.MoePlan> moe) {

        static final Routed NONE = new Routed(null, null, null, null);
    }
}
