package dev.scaleplan.fits;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** A series of predicted losses with bands, ready to draw. */
@Schema(description = "Predicted loss along one axis, log-spaced, with a band at every point")
public record Curve(
        @Schema(description = "Fit id", example = "12") long fitId,
        @Schema(description = "flops: along the compute-optimal frontier; parameters: at fixed tokens; tokens: at fixed parameters",
                example = "flops") String axis,
        @Schema(description = "The other variable held fixed (tokens for axis=parameters, parameters for axis=tokens)")
        Double fixed,
        @Schema(description = "Band kind: confidence, prediction or calibrated", example = "confidence") String band,
        @Schema(description = "Coverage of the band", example = "0.9") double confidenceLevel,
        @Schema(description = "The points") List<Point> points,
        @Schema(description = "Set when a calibrated band was asked for and could not be given, saying why")
        String note,
        @Schema(description = "The quantity the points' `loss` is of, when the fit has a `target`; absent for the loss",
                example = "arc_challenge_bpb")
        String target) {

    /** The bootstrap band beside a calibrated one. */
    @Schema(name = "CurveBounds")
    public record Bounds(@Schema(example = "2.29") double lower, @Schema(example = "2.33") double upper) {
    }

    /** One point of the series. */
    public record Point(@Schema(example = "1e21") double x, @Schema(example = "2.31") double loss,
                        @Schema(description = "null when the fit has no bootstrap draws", example = "2.29")
                        @JsonInclude(JsonInclude.Include.ALWAYS) Double lower,
                        @Schema(description = "null when the fit has no bootstrap draws", example = "2.33")
                        @JsonInclude(JsonInclude.Include.ALWAYS) Double upper,
                        @Schema(description = "With a calibrated band: the bootstrap prediction band beside it")
                        Bounds bootstrap) {
    }
}
