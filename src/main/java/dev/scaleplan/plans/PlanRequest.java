package dev.scaleplan.plans;

import java.util.List;

import dev.scaleplan.web.QuantityLimits;
import dev.scaleplan.web.Finite;
import dev.scaleplan.web.Names;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /projects/{id}/plans}. */
@Schema(description = """
        A planning question. Which fields are needed depends on `objective`:
        - `compute-optimal`: `budget` (add `uniqueTokens` to cap unique data, `maxParameters` to cap model size);
        - `target-loss`: `targetLoss` (add `maxParameters` to cap model size);
        - `inference-aware`: `inferenceTokens` and `targetLoss` or `budget`;
        - `fixed-parameters`: `parameters` and `budget` or `targetLoss`;
        - `fixed-tokens`: `tokens` and `budget` or `targetLoss`;
        - `target-metric`: `targetMetric` (a metric to reach through its chain, see docs/chains.md).""")
public record PlanRequest(
        @Schema(description = "Fit to plan with; default: the project's latest chinchilla fit (fitted now if there is none)",
                example = "12")
        @Positive Long fitId,
        @Schema(description = "What to optimise", requiredMode = Schema.RequiredMode.REQUIRED, example = "compute-optimal",
                allowableValues = {"compute-optimal", "target-loss", "inference-aware", "fixed-parameters", "fixed-tokens",
                        "target-metric"})
        @NotNull
        @Pattern(regexp = "compute-optimal|target-loss|inference-aware|fixed-parameters|fixed-tokens|target-metric",
                message = "must be one of compute-optimal, target-loss, inference-aware, fixed-parameters, fixed-tokens, "
                        + "target-metric")
        String objective,
        @Schema(description = "Compute budget, in FLOPs or as accelerator time")
        @Valid Budget budget,
        @Schema(description = "Loss to reach", example = "2.1")
        @Finite @DecimalMin(QuantityLimits.MIN_LOSS) @DecimalMax(QuantityLimits.MAX_LOSS) Double targetLoss,
        @Schema(description = "Lifetime inference tokens the model will serve (inference-aware)", example = "2e13")
        @Finite @PositiveOrZero @DecimalMax("1e22") Double inferenceTokens,
        @Schema(description = "Unique training tokens available; repeated epochs follow Muennighoff et al. 2023",
                example = "1e11")
        @Finite @DecimalMin(QuantityLimits.MIN_TOKENS) @DecimalMax(QuantityLimits.MAX_TOKENS) Double uniqueTokens,
        @Schema(description = "Model size for fixed-parameters", example = "7e9")
        @Finite @DecimalMin(QuantityLimits.MIN_PARAMETERS) @DecimalMax(QuantityLimits.MAX_PARAMETERS) Double parameters,
        @Schema(description = "Training tokens for fixed-tokens", example = "2e12")
        @Finite @DecimalMin(QuantityLimits.MIN_TOKENS) @DecimalMax(QuantityLimits.MAX_TOKENS) Double tokens,
        @Schema(description = "Largest model you can train or serve; a larger optimum is capped and the budget "
                + "spent on tokens", example = "7e10")
        @Finite @DecimalMin(QuantityLimits.MIN_PARAMETERS) @DecimalMax(QuantityLimits.MAX_PARAMETERS) Double maxParameters,
        @Schema(description = "Expert counts of routed (MoE) options to show beside the dense plan, at the same compute; "
                + "needs a moe fit", example = "[8, 64]")
        @Size(max = 16) List<@NotNull @Min(1) @Max(1_000_000) Long> experts,
        @Schema(description = "The moe fit for the routed options; default: the project's latest moe fit", example = "14")
        @Positive Long moeFitId,
        @Schema(description = "Bytes per parameter for the weights' memory (2 = BF16)", example = "2", defaultValue = "2")
        @Finite @DecimalMin("0.125") @DecimalMax("16") Double bytesPerParameter,
        @Schema(description = "Share φ of the active parameters replicated per expert, so total = N·(1 + φ·(E − 1)); "
                + "default: the median over the moe fit's routed runs", example = "0.33")
        @Finite @DecimalMin("0") @DecimalMax("1") Double expertParameterShare,
        @Schema(description = "Metrics to predict for the plan (and each routed option) from their downstream fits",
                example = "[\"hellaswag\"]")
        @Size(max = 16) List<@NotNull @Pattern(regexp = Names.PATTERN, message = Names.NOT_A_METRIC) String> metrics,
        @Schema(description = "Answer a degenerate plan (below 1 token per parameter, or from a law with E or an exponent "
                + "at the bound of its domain) with a warning instead of a 422 with reason degenerate-plan",
                example = "false", defaultValue = "false")
        Boolean allowDegenerate,
        @Schema(description = "Intervals to answer: calibrated (default; from the fit's backtest, made on the first "
                + "calibrated plan of a fit) or confidence (bootstrap percentiles)", allowableValues = {"calibrated", "confidence"},
                example = "calibrated")
        @Pattern(regexp = "calibrated|confidence", message = "must be calibrated or confidence") String band,
        @Schema(description = "Fit ids pinning steps of the metrics' chains (downstream fits, law fits of a target); "
                + "default: the latest of each", example = "[32, 31]")
        @Size(max = 32) List<@NotNull @Positive Long> metricFits,
        @Schema(description = "target-metric: the metric to reach and its value; the plan is the least compute whose "
                + "compute-optimal allocation reaches it through the metric's chain")
        @Valid TargetMetric targetMetric) {

    /** As before {@code metricFits} and {@code targetMetric} existed. */
    public PlanRequest(Long fitId, String objective, Budget budget, Double targetLoss, Double inferenceTokens,
                       Double uniqueTokens, Double parameters, Double tokens, Double maxParameters, List<Long> experts,
                       Long moeFitId, Double bytesPerParameter, Double expertParameterShare, List<String> metrics,
                       Boolean allowDegenerate, String band) {
        this(fitId, objective, budget, targetLoss, inferenceTokens, uniqueTokens, parameters, tokens, maxParameters,
                experts, moeFitId, bytesPerParameter, expertParameterShare, metrics, allowDegenerate, band, null, null);
    }

    /** A metric value to reach. */
    @Schema(description = "A metric (or aggregate) and the value to reach")
    public record TargetMetric(
            @Schema(description = "The metric, e.g. a task's accuracy", example = "arc_challenge_acc",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull @Pattern(regexp = Names.PATTERN, message = Names.NOT_A_METRIC) String name,
            @Schema(description = "The value to reach", example = "0.6", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull @Finite @DecimalMin("-1e15") @DecimalMax("1e15") Double value) {
    }

    /** A budget in FLOPs, or as accelerators × hours. */
    @Schema(description = "Either `flops`, or `accelerator`, `count` and `hours` (with optional `mfu` and `pricePerHour`). "
            + "With a target loss, `accelerator` and `count` alone say how long the plan would take.")
    public record Budget(
            @Schema(description = "Training FLOPs", example = "5.76e23")
            @Finite @DecimalMin(QuantityLimits.MIN_FLOPS) @DecimalMax("1e40") Double flops,
            @Schema(description = "Accelerator id from GET /accelerators", example = "h100-sxm")
            @Size(max = 64) String accelerator,
            @Schema(description = "Number of accelerators", example = "1024")
            @Positive @Max(100_000_000) Long count,
            @Schema(description = "Wall-clock hours", example = "720")
            @Finite @DecimalMin("0.001") @DecimalMax("1e6") Double hours,
            @Schema(description = "Model FLOPs utilisation, (0, 1]; default 0.4", example = "0.4")
            @Finite @DecimalMin("0.001") @DecimalMax("1") Double mfu,
            @Schema(description = "Price per accelerator-hour", example = "2.5")
            @Finite @PositiveOrZero @DecimalMax("1e6") Double pricePerHour) {
    }
}
