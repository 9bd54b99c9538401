package dev.scaleplan.fits;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** How often each band held in a fit's backtest. */
@Schema(name = "Coverage", description = "From the fit's backtest: how often each band held the runs the cut-off "
        + "refits predicted, by extrapolation ratio")
public record CoverageResponse(
        @Schema(description = "Fit id", example = "12") long fitId,
        @Schema(description = "The project's data revision the backtest saw", example = "3") long dataRevision,
        @Schema(description = "One row per band and bucket of extrapolation ratio; buckets without runs are left out")
        List<Row> rows) {

    /** One band at one bucket of extrapolation ratio. */
    public record Row(
            @Schema(description = "confidence and prediction: each refit's bootstrap bands; calibrated: the calibrated "
                    + "band learnt from the other cut-offs (leave one cut-off out)", example = "calibrated") String band,
            @Schema(description = "Upper end of the bucket of C / largest fitted C (2, 10, 100, …): runs beyond the "
                    + "previous bucket up to this ratio", example = "10") double extrapolationRatio,
            @Schema(description = "The coverage the band claims", example = "0.9") double nominal,
            @Schema(description = "Predicted runs inside the band", example = "41") int covered,
            @Schema(description = "Predicted runs scored", example = "45") int total) {
    }
}
