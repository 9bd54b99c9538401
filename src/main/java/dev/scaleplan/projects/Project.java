package dev.scaleplan.projects;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A project as clients see it. */
@Schema(description = "A project: one family of experiments (tokenizer, data mix) whose runs are fitted together")
public record Project(
        @Schema(description = "Slug id", example = "llm-scaling") String id,
        @Schema(description = "Display name", example = "LLM scaling study") String name,
        @Schema(description = "Free text", example = "Decoder-only transformers on our web mix") String description,
        @Schema(description = "FLOPs per parameter per training token (k in C = k·N·D)", example = "6") double flopsPerToken,
        @Schema(description = "How the runs' `parameters` are counted: `total` or `non-embedding`", example = "total")
        String parameterCount,
        @Schema(description = "How training compute is counted: `6N`, `6N+attention` or `given`", example = "6N")
        String flopsConvention,
        @Schema(description = "Bumped by every change to the project's runs; fits record the revision they saw", example = "3")
        long dataRevision,
        @Schema(description = "Number of runs stored", example = "240") long runCount,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = Aggregates.DESCRIPTION, example = Aggregates.EXAMPLE)
        Map<String, List<String>> aggregates) {

    public Project {
        aggregates = aggregates == null ? Map.of() : Aggregates.copy(aggregates);
    }

    /** A project without aggregates. */
    public Project(String id, String name, String description, double flopsPerToken, String parameterCount,
                   String flopsConvention, long dataRevision, long runCount, Instant createdAt, Instant updatedAt) {
        this(id, name, description, flopsPerToken, parameterCount, flopsConvention, dataRevision, runCount, createdAt,
                updatedAt, null);
    }
}
