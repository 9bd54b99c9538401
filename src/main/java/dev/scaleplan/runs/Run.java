package dev.scaleplan.runs;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A stored run. */
@Schema(description = "A stored run")
public record Run(
        @Schema(description = "Server id", example = "1042") long id,
        @Schema(description = "Client key, if one was given", example = "sweep-3/run-17") String externalId,
        @Schema(description = "Model parameters N", example = "4.0e8") double parameters,
        @Schema(description = "Training tokens D", example = "8.0e9") double tokens,
        @Schema(description = "Final loss", example = "2.61") double loss,
        @Schema(description = "Training compute C in FLOPs (given, or flopsPerToken·N·D)", example = "1.92e19") double flops,
        @Schema(description = "Active parameters (MoE)") Double activeParameters,
        @Schema(description = "Unique tokens") Double uniqueTokens,
        @Schema(description = "Dataset", example = "web-v2") String dataset,
        @Schema(description = "Tags", example = "{\"sweep\": \"3\"}") Map<String, String> tags,
        @Schema(description = "Metrics", example = "{\"hellaswag\": 0.41}") Map<String, Double> metrics,
        @Schema(description = "Peak learning rate") Double learningRate,
        @Schema(description = "Batch size") Long batchSize,
        Instant createdAt,
        @Schema(description = "Experts (1 = dense)", example = "8") long experts,
        @Schema(description = "Total parameters held in memory (≥ parameters, the active count)", example = "1.9e9")
        double totalParameters,
        @Schema(description = "Token (and position) embedding parameters", example = "5.1e7") Double embeddingParameters,
        @Schema(description = "Transformer layers n_layer", example = "24") Long layers,
        @Schema(description = "Training context length n_ctx", example = "2048") Long contextLength,
        @Schema(description = "Model width d_model", example = "1024") Long width) {
}
