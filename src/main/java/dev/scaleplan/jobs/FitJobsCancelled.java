package dev.scaleplan.jobs;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** What {@code DELETE …/fit-jobs?status=} cancelled. */
@Schema(description = "The jobs of a project cancelled at once")
public record FitJobsCancelled(
        @Schema(description = "Project id", example = "llm-scaling") String projectId,
        @Schema(description = "The status the cancelled jobs had", example = "queued",
                allowableValues = {"queued", "running"}) String status,
        @Schema(description = "How many jobs were cancelled", example = "12") int cancelled,
        @Schema(description = "Their ids", example = "[41, 42, 43]") List<Long> jobIds) {
}
