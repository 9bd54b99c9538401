package dev.scaleplan.fits;

import dev.scaleplan.web.ApiEstimate;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** A predicted loss with its band. */
@Schema(description = "Predicted loss at a point, with a calibrated band or a band from the bootstrap draws")
public record Prediction(
        @Schema(description = "Fit id", example = "12") long fitId,
        @Schema(description = "N (on the compute-optimal frontier when asked by flops)", example = "7.2e10") double parameters,
        @Schema(description = "D", example = "1.33e12") double tokens,
        @Schema(description = "C = k·N·D", example = "5.76e23") double flops,
        @Schema(description = "Predicted loss under the best fit", example = "1.974") double loss,
        @Schema(description = "Lower end of the band; null when the fit has no bootstrap draws (see note)",
                example = "1.962") @JsonInclude(JsonInclude.Include.ALWAYS) Double lower,
        @Schema(description = "Upper end of the band; null when the fit has no bootstrap draws (see note)",
                example = "1.986") @JsonInclude(JsonInclude.Include.ALWAYS) Double upper,
        @Schema(description = "Coverage of the band", example = "0.9") double confidenceLevel,
        @Schema(description = "The band carried: confidence (uncertainty of the mean law, bootstrap), prediction "
                + "(adds the runs' scatter) or calibrated (widened by how the backtest's error grew with extrapolation "
                + "distance; the default beyond the fitted runs)", example = "calibrated") String band,
        @Schema(description = "Where the point lies relative to the fitted runs") Extrapolation extrapolation,
        @Schema(description = "Experts of the predicted model (moe fits; absent for dense fits)", example = "8")
        Long experts,
        @Schema(description = "moe fits: the dense size with the same predicted loss (Clark et al. 2022, effective "
                + "parameter count), with its bootstrap interval") ApiEstimate effectiveParameters,
        @Schema(description = "Asked-for metrics (`metrics=`), each through its chain (`chain`): the metric's "
                + "downstream fit, then the law fit of its predictor (this fit when it fits that predictor, usually the "
                + "loss), each the latest unless pinned by `metricFits`. The band pairs the steps' bootstrap draws and, "
                + "under prediction and calibrated bands, adds each step's run scatter",
                example = "{\"arc_challenge_acc\": {\"estimate\": 0.52, \"lower\": 0.49, \"upper\": 0.55, "
                        + "\"chain\": [{\"fitId\": 32, \"form\": \"downstream\", \"metric\": \"arc_challenge_acc\", "
                        + "\"from\": \"arc_challenge_bpb\"}, {\"fitId\": 31, \"form\": \"chinchilla\", "
                        + "\"target\": \"arc_challenge_bpb\"}]}}")
        java.util.Map<String, MetricAnswer> metrics,
        @Schema(description = "Set when there is no band, or no calibrated band, saying why") String note,
        @Schema(description = "With a calibrated band: the bootstrap prediction band at the same level, beside it")
        BootstrapBand bootstrap,
        @Schema(description = "Unique tokens the D tokens were drawn from (`uniqueTokens=`, data-constrained fits)",
                example = "1e11") Double uniqueTokens,
        @Schema(description = "D / U: passes over the unique data (with `uniqueTokens=`)", example = "13.3")
        Double epochs,
        @Schema(description = "The quantity `loss` and its band are of, when the fit has a `target` (a task's "
                + "bits-per-byte, say); absent for the loss", example = "arc_challenge_bpb")
        String target) {

    /** The bootstrap band shown beside a calibrated one. */
    public record BootstrapBand(@Schema(example = "prediction") String band,
                                @Schema(description = "null when the fit has no bootstrap draws", example = "1.951")
                                @JsonInclude(JsonInclude.Include.ALWAYS) Double lower,
                                @Schema(description = "null when the fit has no bootstrap draws", example = "1.998")
                                @JsonInclude(JsonInclude.Include.ALWAYS) Double upper) {
    }

    /** Whether and how far a point lies outside the observed data (named apart from the plan's extrapolation). */
    @Schema(name = "PredictionExtrapolation", description = "Whether and how far the point lies outside the fitted runs")
    public record Extrapolation(
            @Schema(description = "True when N, D or C is outside the observed range", example = "true")
            boolean outsideObservedRange,
            @Schema(description = "C / largest fitted C: the same definition as a plan's extrapolation ratio",
                    example = "6.2") double computeRatio,
            @Schema(description = "The caution in words, the same sentence a plan at this point gives",
                    example = "C = 5.76e+23 is 6.2× the largest fitted run's compute (9.26e+22); N = 7.00e+10 lies outside "
                            + "the fitted runs (N 7.00e+07 to 1.39e+10). The law is extrapolated and its band may "
                            + "understate the error.") String note) {
    }
}
