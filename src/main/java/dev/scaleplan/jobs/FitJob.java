package dev.scaleplan.jobs;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A fit job as clients see it. */
@Schema(description = "A fit computed in the background; poll it, or cancel it with DELETE")
public record FitJob(
        @Schema(description = "Job id", example = "7") long id,
        @Schema(description = "Project id", example = "llm-scaling") String projectId,
        @Schema(description = "queued, running, succeeded, failed or cancelled", example = "running",
                allowableValues = {"queued", "running", "succeeded", "failed", "cancelled"}) FitJobStatus status,
        @Schema(description = "Phase of a running job: grid (multi-start search), bootstrap, holdout (refit without "
                + "the largest runs)", example = "bootstrap", allowableValues = {"grid", "bootstrap", "holdout"})
        String phase,
        @Schema(description = "Share of the whole job done, 0 to 1 across its phases; never goes back, 1 once "
                + "succeeded", example = "0.42") double progress,
        @Schema(description = "The fit, once succeeded", example = "12") Long fitId,
        @Schema(description = "Why it failed: the problem details the fit request would have answered")
        Map<String, Object> problem,
        @Schema(description = "How many times a replica started it: more than 1 after a replica died mid-job",
                example = "1") int attempts,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {
}
