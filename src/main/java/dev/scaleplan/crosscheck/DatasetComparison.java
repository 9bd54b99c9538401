package dev.scaleplan.crosscheck;

import dev.scaleplan.web.ApiEstimate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** The same law form fitted per dataset, side by side. */
@Schema(description = "One row per dataset: its fit's parameters and its effective-data multiplier against a reference")
public record DatasetComparison(
        @Schema(description = "Project id", example = "llm-scaling") String projectId,
        @Schema(description = "Law form fitted per dataset", example = "chinchilla") String form,
        @Schema(description = "The dataset the multipliers are against", example = "web-v1") String reference,
        @Schema(description = "N at which losses and multipliers are stated", example = "1e9") double parameters,
        @Schema(description = "D at which losses and multipliers are stated", example = "2e10") double tokens,
        @Schema(description = "Coverage of the intervals", example = "0.9") double confidenceLevel,
        @Schema(description = "Runs without a dataset, left out of every row", example = "0") long runsWithoutDataset,
        @Schema(description = "What the multiplier means",
                example = "effectiveDataMultiplier = D_ref/D where L_ref(N, D_ref) = L_dataset(N, D) …") String note,
        @Schema(description = "One row per dataset, reference first") List<Row> rows) {

    /** One dataset. */
    public record Row(
            @Schema(example = "web-v2") String dataset,
            @Schema(description = "Runs of the dataset", example = "120") long runs,
            @Schema(description = "The fit used (reused when one with the same request exists on the current runs)",
                    example = "21") Long fitId,
            @Schema(description = "Fit parameters with intervals") Map<String, ApiEstimate> parameters,
            @Schema(description = "Predicted loss at (parameters, tokens)") ApiEstimate loss,
            @Schema(description = "Tokens of the reference that reach this dataset's loss at the same N, per token "
                    + "of this dataset; > 1 means a token here is worth more") ApiEstimate effectiveDataMultiplier,
            @Schema(description = "Why a fit or a multiplier is missing") String reason) {
    }

}
