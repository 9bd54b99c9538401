package dev.scaleplan.fits;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A stored fit as clients see it. */
@Schema(name = "Fit", description = "A fitted scaling law with bootstrap intervals and diagnostics")
public record FitResponse(
        @Schema(description = "Fit id", example = "12") long id,
        @Schema(description = "Project id", example = "llm-scaling") String projectId,
        @Schema(description = "Law form", example = "chinchilla") String form,
        @Schema(description = "Estimates with percentile intervals; names E, A, B, alpha, beta (chinchilla), "
                + "Nc, Dc, alphaN, alphaD (kaplan), E, A, alpha (power laws), a, b, c, d (moe), epsilon, k, gamma "
                + "(downstream exponential), floor, ceiling, midpoint, slope (sigmoid), K, kappa, EA, EB (shifted-power)",
                example = "{\"E\": {\"estimate\": 1.82, \"lower\": 1.78, \"upper\": 1.86}}")
        Map<String, Estimate> parameters,
        @Schema(description = "Derived quantities with intervals: for chinchilla a = β/(α+β), b = α/(α+β), G, and "
                + "tokensPerParameter at the compute-optimal point for the largest observed compute; for moe the "
                + "saturation constants expertsStart and expertsMax (fixed, zero-width)")
        Map<String, Estimate> derived,
        @Schema(description = "Objective value at the optimum: the sum over runs of the Huber (or squared) loss of "
                + "log-loss residuals", example = "0.0123") double objective,
        @Schema(description = "Objective function", example = "huber") String loss,
        @Schema(description = "Huber δ (absent for downstream fits, which use least squares)", example = "0.001")
        Double huberDelta,
        @Schema(description = "Confidence level of the intervals", example = "0.9") double confidenceLevel,
        @Schema(description = "Runs fitted", example = "240") int runsUsed,
        @Schema(description = "Observed ranges of N, D and C (absent for downstream fits)") ObservedRanges observedRanges,
        @Schema(description = "Goodness of fit on log loss (absent for downstream fits)") GoodnessOfFit goodnessOfFit,
        @Schema(description = "Error predicting the largest-compute runs from a refit without them (absent when holdout is 0)")
        Holdout holdout,
        @Schema(description = "Bootstrap settings and refits that converged") Bootstrap bootstrap,
        @Schema(description = "Which runs were fitted") FitRequest.Filter filter,
        @Schema(description = "The project's data revision the fit saw", example = "3") long dataRevision,
        @Schema(description = "True when the project's runs changed since this fit", example = "false") boolean stale,
        @Schema(description = "Wall-clock time of the fit in milliseconds", example = "840") long durationMs,
        Instant createdAt,
        @Schema(description = "downstream fits: the metric fitted against the loss", example = "hellaswag") String metric,
        @Schema(description = "downstream fits: the shape", example = "exponential") String shape,
        @Schema(description = "downstream fits: how the metric follows the loss") Downstream downstream) {

    /** A downstream fit's description and diagnostics. */
    public record Downstream(
            @Schema(description = "The metric rises as the loss falls (an accuracy)", example = "true") boolean higherIsBetter,
            @Schema(description = "Every value lies in [0, 1], and so does every prediction", example = "true") boolean bounded,
            @Schema(description = "What the shape models", example = "1 - metric (error of an accuracy)") String fittedOn,
            @Schema(description = "RMSE of metric − prediction", example = "0.006") double rmse,
            @Schema(description = "1 − SSE/SST", example = "0.97") double rSquared,
            @Schema(description = "Spearman's rank correlation of metric and loss", example = "-0.95") double spearman,
            @Schema(description = "Its two-sided p-value; a fit needs ≤ 0.05", example = "1e-9") double spearmanPValue,
            @Schema(description = "Observed losses") Range loss,
            @Schema(description = "Observed metric values") Range metricRange,
            @Schema(description = "Bootstrap refits that converged", example = "200") int bootstrapSuccessful) {
    }

    /** A value and its interval. */
    public record Estimate(double estimate, double lower, double upper) {
    }

    /** Smallest and largest observed value. */
    public record Range(double min, double max) {
    }

    /** Observed N, D and C. */
    public record ObservedRanges(Range parameters, Range tokens, Range flops) {
    }

    /** RMSE of log loss, AIC and BIC (Gaussian on log-loss residuals), residual standard deviation. */
    public record GoodnessOfFit(double rmseLogLoss, double aic, double bic, double residualStd) {
    }

    /** The held-out extrapolation check. */
    public record Holdout(@Schema(example = "24") int runsHeldOut,
                          @Schema(description = "Runs with compute at or above this were held out") double flopsThreshold,
                          @Schema(description = "RMSE of log loss on the held-out runs") double rmseLogLoss,
                          @Schema(description = "Mean |predicted − observed| / observed loss on the held-out runs")
                          double meanAbsoluteRelativeError) {
    }

    /** Bootstrap settings. */
    public record Bootstrap(@Schema(example = "200") int requested, @Schema(example = "200") int successful,
                            @Schema(example = "42") long seed) {
    }
}
