package dev.scaleplan.projects;

import dev.scaleplan.web.QuantityLimits;
import dev.scaleplan.web.Finite;
import dev.scaleplan.web.WellFormedText;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code PATCH /projects/{id}}: absent fields stay as they are. */
@Schema(description = "Changes to a project; absent fields are left unchanged")
public record UpdateProjectRequest(
        @Schema(description = "Display name", example = "LLM scaling study v2")
        @Size(min = 1, max = 200) @Pattern(regexp = ProjectRequests.NO_CONTROL, message = "must not contain control characters") @WellFormedText
        String name,
        @Schema(description = "Free text")
        @Size(max = 4000) @WellFormedText
        String description,
        @Schema(description = "FLOPs per parameter per training token; changing it bumps the data revision", example = "6")
        @Finite @DecimalMin(QuantityLimits.MIN_FLOPS_PER_TOKEN) @DecimalMax(QuantityLimits.MAX_FLOPS_PER_TOKEN)
        Double flopsPerToken,
        @Schema(description = "How runs' `parameters` are counted (`total` or `non-embedding`); only while the project has "
                + "no fits, since it changes what the stored N mean (409 otherwise)", example = "non-embedding",
                allowableValues = {"total", "non-embedding"})
        @Pattern(regexp = ProjectRequests.PARAMETER_COUNT, message = "must be total or non-embedding")
        String parameterCount,
        @Schema(description = "How training compute is counted (`6N`, `6N+attention` or `given`); changing it bumps the "
                + "data revision, so existing fits become stale", example = "6N+attention",
                allowableValues = {"6N", "6N+attention", "given"})
        @Pattern(regexp = ProjectRequests.FLOPS_CONVENTION, message = "must be 6N, 6N+attention or given")
        String flopsConvention,
        @Schema(description = Aggregates.DESCRIPTION + "; replacing them bumps the data revision when they change",
                example = Aggregates.EXAMPLE)
        @ValidAggregates
        Map<String, List<String>> aggregates) {
}
