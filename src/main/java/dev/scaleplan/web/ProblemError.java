package dev.scaleplan.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One thing wrong with a request: a JSON pointer or a 1-based data row (CSV rows count the
 * header as row 0), the field, and what is wrong.
 */
@Schema(description = "One validation error: where (pointer or row), which field, and what is wrong")
public record ProblemError(
        @Schema(description = "JSON pointer into the request body or a query parameter name", example = "/flopsPerToken")
        String pointer,
        @Schema(description = "1-based index of the run in an upload (the CSV header is row 0)", example = "3")
        Integer row,
        @Schema(description = "Field name", example = "loss")
        String field,
        @Schema(description = "What is wrong", example = "must be a finite number > 0")
        String message) {

    public static ProblemError field(String field, String message) {
        return new ProblemError("/" + field, null, field, message);
    }

    public static ProblemError row(int row, String field, String message) {
        return new ProblemError(null, row, field, message);
    }
}
