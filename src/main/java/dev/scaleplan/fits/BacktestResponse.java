package dev.scaleplan.fits;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A fit's backtest as clients see it. */
@Schema(name = "Backtest", description = "Refits on the runs below several compute cut-offs, predicting the runs above")
public record BacktestResponse(
        @Schema(description = "Fit id", example = "12") long fitId,
        @Schema(description = "Form of the fit (the refits use the same form and options, without bootstrap)",
                example = "chinchilla") String form,
        @Schema(description = "The project's data revision the backtest saw", example = "3") long dataRevision,
        @Schema(description = "Runs the backtest split (the fit's filter applied to the current runs)", example = "240")
        int runs,
        @Schema(description = "One point per cut-off, in increasing extrapolation ratio") List<Point> points,
        @Schema(description = "The furthest extrapolation in words", example = "On this project a 9.8× extrapolation …")
        String note,
        @Schema(description = "Time spent refitting, in milliseconds", example = "3900") long durationMs,
        Instant createdAt) {

    /** One cut-off. */
    public record Point(
            @Schema(description = "Runs with C below this were fitted, the rest predicted", example = "1.2e20")
            double cutoffFlops,
            @Schema(description = "Largest C among the fitted runs", example = "1.0e20") double largestFittedFlops,
            @Schema(description = "Largest predicted C / largest fitted C", example = "9.8") double extrapolationRatio,
            @Schema(example = "192") int runsFitted,
            @Schema(example = "48") int runsPredicted,
            @Schema(description = "Mean |predicted/observed − 1| of the predicted runs' loss", example = "0.009")
            double meanRelativeError,
            @Schema(description = "Largest |predicted/observed − 1|", example = "0.018") double maxRelativeError) {
    }
}
