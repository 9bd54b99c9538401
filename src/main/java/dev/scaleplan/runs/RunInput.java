package dev.scaleplan.runs;

import java.util.Map;

import dev.scaleplan.web.Names;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One run as uploaded. In CSV the same names are columns; tags and metrics are columns named
 * {@code tag.NAME} and {@code metric.NAME}.
 */
@Schema(name = "RunUpload", description = "One finished training run")
public record RunInput(
        @Schema(description = "Your key for the run, unique in the project: re-sending the same run is a no-op, "
                + "a different run under the same key is a 409", example = "sweep-3/run-17", maxLength = 200)
        String externalId,
        @Schema(description = "Model parameters N (1 to 1e15)", example = "4.0e8", requiredMode = Schema.RequiredMode.REQUIRED)
        Double parameters,
        @Schema(description = "Training tokens D (1 to 1e17)", example = "8.0e9", requiredMode = Schema.RequiredMode.REQUIRED)
        Double tokens,
        @Schema(description = "Final loss (1e-6 to 100), e.g. validation cross-entropy in nats", example = "2.61",
                requiredMode = Schema.RequiredMode.REQUIRED)
        Double loss,
        @Schema(description = "Training compute C in FLOPs (1 to 1e32); defaults to flopsPerToken·N·D, which must meet the same bounds", example = "1.92e19")
        Double flops,
        @Schema(description = "Active parameters per token for mixture-of-experts models (1 to parameters), the round-1 "
                + "convention where `parameters` is the total; prefer `parameters` (active) with `experts` and "
                + "`totalParameters`", example = "1.0e8")
        Double activeParameters,
        @Schema(description = "Unique tokens in the training data, when data was repeated (1 to 1e17)", example = "4.0e9")
        Double uniqueTokens,
        @Schema(description = "Dataset or data mix name", example = "web-v2", maxLength = 200)
        String dataset,
        @Schema(description = "Free string labels (at most " + RunLimits.MAX_ENTRIES + "; names " + Names.PATTERN
                + ", values ≤ " + RunLimits.MAX_TAG_VALUE + " characters)",
                example = "{\"sweep\": \"3\", \"arch\": \"dense\"}")
        Map<String, String> tags,
        @Schema(description = "Other numeric results, e.g. downstream accuracies (at most " + RunLimits.MAX_METRICS
                + "; names " + Names.PATTERN + "; finite, 0 or of magnitude ≥ 1e-300)",
                example = "{\"hellaswag\": 0.41}")
        Map<String, Double> metrics,
        @Schema(description = "Peak learning rate (1e-12 to 10)", example = "3.0e-4")
        Double learningRate,
        @Schema(description = "Batch size (integer ≥ 1)", example = "512")
        Long batchSize,
        @Schema(description = "Experts of a routed (mixture-of-experts) model, integer ≥ 1; 1 (the default) is dense. "
                + "`parameters` stays the active count per token that FLOPs follow (C = k·N·D)", example = "8",
                defaultValue = "1")
        Long experts,
        @Schema(description = "Total parameters held in memory, ≥ parameters; defaults to parameters (dense)",
                example = "1.9e9")
        Double totalParameters,
        @Schema(description = "Token (and position) embedding parameters (1 to 1e15; below `parameters` when the project "
                + "counts total parameters): with them plans give N in both parameter counts (docs/conventions.md)",
                example = "5.1e7")
        Double embeddingParameters,
        @Schema(description = "Transformer layers n_layer (integer ≥ 1), for the 6N+attention FLOPs convention",
                example = "24")
        Long layers,
        @Schema(description = "Training context length n_ctx in tokens (integer ≥ 1), for the 6N+attention FLOPs "
                + "convention", example = "2048")
        Long contextLength,
        @Schema(description = "Model width d_model (integer ≥ 1), for the 6N+attention FLOPs convention", example = "1024")
        Long width) {

    /** The compute of this run, with the project's k when none was given. */
    double flopsOrDefault(double flopsPerToken) {
        return flops != null ? flops : flopsPerToken * parameters * tokens;
    }
}
