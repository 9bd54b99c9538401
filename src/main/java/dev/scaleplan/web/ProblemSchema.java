package dev.scaleplan.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of every error answer, for the OpenAPI document only: at run time the answer is a
 * Spring {@code ProblemDetail} built by {@link ProblemDetailsAdvice} or {@link ProblemWriter}.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem: a stable `type`, a human `detail`, and for validation "
        + "every offending field or row in `errors`. Other members may be added for specific types.")
public record ProblemSchema(
        @Schema(description = "Stable problem type; switch on it", format = "uri",
                example = "https://scaleplan.dev/problems/validation") URI type,
        @Schema(description = "Short human title of the type", example = "Invalid request") String title,
        @Schema(description = "HTTP status", example = "400") int status,
        @Schema(description = "What went wrong, in words", example = "The request has invalid fields; see errors")
        String detail,
        @Schema(description = "The request path", format = "uri-reference", example = "/api/v1/projects")
        URI instance,
        @Schema(description = "Every validation error (validation problems only)") List<ProblemError> errors,
        @Schema(description = "Why a fit could not be made (fit-failed problems only)", example = "too-few-runs")
        String reason) {
}
