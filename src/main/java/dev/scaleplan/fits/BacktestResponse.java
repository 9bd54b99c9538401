package dev.scaleplan.fits;

import java.time.Instant;
import java.util.List;

import dev.scaleplan.web.ApiEstimate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** A fit's backtest as clients see it. */
@Schema(name = "Backtest", description = "Refits on the runs below several compute cut-offs, predicting the runs above, "
        + "with how far each refit moves the compute-optimal allocation of one budget")
public record BacktestResponse(
        @Schema(description = "Fit id", example = "12") long fitId,
        @Schema(description = "Form of the fit (the refits use the same form and options, with 40 bootstrap draws)",
                example = "chinchilla") String form,
        @Schema(description = "The project's data revision the backtest saw", example = "3") long dataRevision,
        @Schema(description = "Runs the backtest split (the fit's filter applied to the current runs)", example = "240")
        int runs,
        @Schema(description = "The budget C at which parametersRatio and tokensRatio compare allocations (the flops "
                + "parameter, else 10× the largest fitted run's compute)", example = "9.3e23") double flops,
        @Schema(description = "One point per cut-off, in increasing extrapolation ratio") List<Point> points,
        @Schema(description = "The error at the furthest extrapolation the backtest saw and the largest allocation "
                + "drift, in words", example = "At its furthest extrapolation (9.8×, fitted below 1.20e+20 FLOPs) the "
                + "backtest missed the furthest run by 3.1% (48 runs predicted, 0.9% on average). N* at 9.30e+23 FLOPs "
                + "moved 2.6× (D* 2.5×) when the largest 30% of runs (by compute, from 1.48e+20 FLOPs) were added.")
        String summary,
        @Schema(description = "What the backtest says about the extrapolation of its furthest point, in words (the "
                + "sentence plans quote)", example = "On this project a 9.8× extrapolation …") String note,
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
            @Schema(description = "Largest |predicted/observed − 1|", example = "0.018") double maxRelativeError,
            @Schema(description = "|predicted/observed − 1| of the furthest predicted run", example = "0.012")
            double furthestRelativeError,
            @Schema(description = "The refit's compute-optimal N* at `flops` over the full fit's, with the refit's "
                    + "bootstrap interval over the full fit's N*; null when the refit cannot plan that budget")
            @JsonInclude(JsonInclude.Include.ALWAYS) ApiEstimate parametersRatio,
            @Schema(description = "The same for D*") @JsonInclude(JsonInclude.Include.ALWAYS)
            ApiEstimate tokensRatio) {
    }
}
