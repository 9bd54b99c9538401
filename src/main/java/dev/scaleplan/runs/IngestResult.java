package dev.scaleplan.runs;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** What an accepted upload did. */
@Schema(description = "Outcome of an accepted upload")
public record IngestResult(
        @Schema(description = "Runs stored by this upload", example = "2") int created,
        @Schema(description = "Runs already stored under the same externalId with identical values", example = "1")
        int unchanged,
        @Schema(description = "Run ids in upload order (existing ids for unchanged runs)", example = "[1041, 1042, 7]")
        List<Long> ids,
        @Schema(description = "The project's data revision after the upload", example = "4") long dataRevision,
        @Schema(description = "Cautions about accepted runs, e.g. runs whose flops lie more than 2× from "
                + "flopsPerToken·N·D (named by id and externalId); empty when there are none")
        List<String> warnings) {
}
