package dev.scaleplan.projects;

import dev.scaleplan.web.QuantityLimits;
import dev.scaleplan.web.Finite;
import dev.scaleplan.web.WellFormedText;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /projects}. */
@Schema(description = "A new project")
public record CreateProjectRequest(
        @Schema(description = "Slug id: lowercase letters, digits and hyphens, starting with a letter or digit, at most 63 characters",
                example = "llm-scaling", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Pattern(regexp = ProjectRequests.SLUG, message = "must be a slug: [a-z0-9][a-z0-9-]{0,62}")
        String id,
        @Schema(description = "Display name", example = "LLM scaling study", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank @Size(max = 200) @Pattern(regexp = ProjectRequests.NO_CONTROL, message = "must not contain control characters") @WellFormedText
        String name,
        @Schema(description = "Free text", example = "Decoder-only transformers on our web mix")
        @Size(max = 4000) @WellFormedText
        String description,
        @Schema(description = "FLOPs per parameter per training token (k in C = k·N·D), 0.01 to 1000; 6 for dense transformers", example = "6",
                defaultValue = "6")
        @Finite @DecimalMin(QuantityLimits.MIN_FLOPS_PER_TOKEN) @DecimalMax(QuantityLimits.MAX_FLOPS_PER_TOKEN)
        Double flopsPerToken,
        @Schema(description = "How runs' `parameters` are counted: `total` (every parameter, Hoffmann et al. 2022) or "
                + "`non-embedding` (without token and position embeddings, Kaplan et al. 2020). Plans answer N in this count. "
                + "See docs/conventions.md", example = "total", defaultValue = "total", allowableValues = {"total", "non-embedding"})
        @Pattern(regexp = ProjectRequests.PARAMETER_COUNT, message = "must be total or non-embedding")
        String parameterCount,
        @Schema(description = "How training compute is counted, the compute axis of fits, IsoFLOP budgets and plans: "
                + "`6N` (C = flopsPerToken·N·D), `6N+attention` (C = (flopsPerToken·N + 6·layers·contextLength·width)·D, "
                + "Kaplan et al. 2020, Table 1; runs need `layers`, `contextLength`, `width`) or `given` (the runs' uploaded "
                + "`flops`)", example = "6N", defaultValue = "6N", allowableValues = {"6N", "6N+attention", "given"})
        @Pattern(regexp = ProjectRequests.FLOPS_CONVENTION, message = "must be 6N, 6N+attention or given")
        String flopsConvention,
        @Schema(description = Aggregates.DESCRIPTION, example = Aggregates.EXAMPLE)
        @ValidAggregates
        Map<String, List<String>> aggregates) {

    /** A project without aggregates. */
    public CreateProjectRequest(String id, String name, String description, Double flopsPerToken,
                                String parameterCount, String flopsConvention) {
        this(id, name, description, flopsPerToken, parameterCount, flopsConvention, null);
    }
}
