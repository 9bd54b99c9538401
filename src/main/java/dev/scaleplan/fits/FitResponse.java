package dev.scaleplan.fits;

import dev.scaleplan.web.ApiEstimate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.scaleplan.fitting.BootstrapMethod;
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
        Map<String, ApiEstimate> parameters,
        @Schema(description = "Derived quantities with intervals: for chinchilla a = β/(α+β), b = α/(α+β), G, and, "
                + "at the compute-optimal point for the largest observed compute, optimalParameters, optimalTokens and "
                + "optimalTokensPerParameterAtMaxObservedFlops (D/N there; not a plan's own D/N); for moe the "
                + "saturation constants expertsStart and expertsMax (fixed, zero-width)")
        Map<String, ApiEstimate> derived,
        @JsonUnwrapped Optimum optimum,
        @Schema(description = "Confidence level of the intervals", example = "0.9") double confidenceLevel,
        @JsonUnwrapped FittedRuns fittedRuns,
        @Schema(description = "Goodness of fit on log loss (absent for downstream fits)") GoodnessOfFit goodnessOfFit,
        @Schema(description = "Error predicting the largest-compute runs from a refit without them (absent when holdout is 0)")
        Holdout holdout,
        @Schema(description = "Bootstrap settings and refits that converged") Bootstrap bootstrap,
        @Schema(description = "Wall-clock time of the fit in milliseconds", example = "840") long durationMs,
        @Schema(description = "Cautions about this fit, in words: parameters at a bound of their domain, intervals "
                + "spanning orders of magnitude, failed bootstrap refits, runs whose flops disagree with "
                + "flopsPerToken·N·D. Every plan made from the fit repeats them.")
        List<String> warnings,
        Instant createdAt,
        @JsonUnwrapped IsoFlopBudgets isoFlop,
        @JsonUnwrapped DownstreamRelation downstreamFit,
        @Schema(description = "Law fits: the per-run quantity fitted in N and D (`target` of the request; absent = the "
                + "loss); its predictions, curves and plans answer this quantity", example = "arc_challenge_bpb")
        String target) {

    /** The objective at the optimum and the loss function it sums. */
    public record Optimum(
            @Schema(description = "Objective value at the optimum: the sum over runs of the Huber (or squared) loss of "
                    + "log-loss residuals", example = "0.0123") double objective,
            @Schema(description = "Objective function", example = "huber") String loss,
            @Schema(description = "Huber δ (absent for downstream fits, which use least squares)", example = "0.001")
            Double huberDelta) {
    }

    /** Which runs were fitted, what they spanned, and whether they changed since. */
    public record FittedRuns(
            @Schema(description = "Runs fitted", example = "240") int runsUsed,
            @Schema(description = "Observed ranges of N, D and C (absent for downstream fits)") ObservedRanges observedRanges,
            @Schema(description = "Which runs were fitted") FitRequest.Filter filter,
            @Schema(description = "The project's data revision the fit saw", example = "3") long dataRevision,
            @Schema(description = "True when the project's runs changed since this fit", example = "false") boolean stale) {
    }

    /** An IsoFLOP analysis's budgets and the runs it left out (absent for other fits). */
    public record IsoFlopBudgets(
            @Schema(description = "IsoFLOP analyses only: every compute budget found, in increasing compute, usable or "
                    + "excluded with the reason") List<Budget> budgets,
            @Schema(description = "IsoFLOP analyses only: runs in no budget, and why") List<LeftOutRun> runsLeftOut) {
    }

    /** What a downstream fit relates to the loss (absent for other fits). */
    public record DownstreamRelation(
            @Schema(description = "downstream fits: the metric fitted against the loss", example = "hellaswag") String metric,
            @Schema(description = "downstream fits: the shape", example = "exponential") String shape,
            @Schema(description = "downstream fits: how the metric follows the loss") Downstream downstream,
            @Schema(description = "downstream fits: the predictor the metric was fitted against (`from`; absent = the "
                    + "loss)", example = "arc_challenge_bpb") String from) {
    }

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

    /** One compute budget of an IsoFLOP analysis. */
    @Schema(name = "IsoFlopBudget")
    public record Budget(
            @Schema(description = "Compute C of the budget (geometric mean of its runs' FLOPs)", example = "1e20") double flops,
            @Schema(description = "The runs' budget tag, absent when grouped by FLOPs", example = "b5") String tag,
            @Schema(description = "Number of runs in the budget", example = "9") int runs,
            @Schema(description = "The runs' ids") List<Long> runIds,
            @Schema(description = "N* at the parabola's minimum, with its bootstrap interval; absent when excluded")
            ApiEstimate parametersOptimal,
            @Schema(description = "D* = C/(k·N*)") ApiEstimate tokensOptimal,
            @Schema(description = "L* at the minimum") ApiEstimate lossOptimal,
            @Schema(description = "d² ln L / d(ln N)² of the parabola", example = "0.05") Double curvature,
            @Schema(description = "True when left out of the fit across budgets", example = "false") boolean excluded,
            @Schema(description = "Why it was excluded, in words", example = "only 4 runs; a budget needs at least 5")
            String reason) {
    }

    /** A run an IsoFLOP analysis could not place in a budget. */
    public record LeftOutRun(@Schema(example = "1042") long runId, @Schema(example = "3e19") double flops,
                             @Schema(example = "only 1 run within 10% of 3e19 FLOPs and no budget tag; …") String reason) {
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

    /** Bootstrap settings, and how the draws were made. */
    public record Bootstrap(@Schema(example = "200") int requested, @Schema(example = "200") int successful,
                            @Schema(example = "42") long seed,
                            @Schema(description = "Set when there are no intervals, saying why",
                                    example = "No bootstrap refits were requested (bootstrap: 0), so no parameter has an interval.")
                            String note,
                            @Schema(description = "How each draw was made. `refit`: the optimiser minimised every "
                                    + "resample from the best fit. `one-step`: from 10,000 runs on, one Gauss–Newton step "
                                    + "from the best fit on each resample (a linearised bootstrap, with no cost per run "
                                    + "and draw beyond a weighted sum), used only when exact refits of some draws "
                                    + "agree with it (see `oneStepCheck`); otherwise every draw is refitted.",
                                    allowableValues = {"refit", "one-step"}, example = "refit")
                            String method,
                            @Schema(description = "For `one-step`: its check against exact refits; absent for `refit`")
                            OneStepCheck oneStepCheck) {

        /** Every draw an exact refit. */
        static Bootstrap refit(int requested, int successful, long seed, String note) {
            return new Bootstrap(requested, successful, seed, note, "refit", null);
        }

        /** Draws made as {@code method} says. */
        static Bootstrap of(int requested, int successful, long seed, String note, BootstrapMethod method) {
            return method.kind() == BootstrapMethod.Kind.REFIT ? refit(requested, successful, seed, note)
                    : new Bootstrap(requested, successful, seed, note, "one-step",
                    new OneStepCheck(method.checkedDraws(), method.maxDeviation(), BootstrapMethod.MAX_ONE_STEP_DEVIATION));
        }
    }

    /** How closely one-step draws matched exact refits of the same resamples. */
    public record OneStepCheck(
            @Schema(description = "Draws also refitted exactly and compared", example = "32") int checkedDraws,
            @Schema(description = "Root-mean-square of one-step − exact over those draws, in bootstrap standard "
                    + "deviations, for the worst parameter", example = "0.03") double rmsDeviation,
            @Schema(description = "The largest rmsDeviation accepted; above it every draw is refitted exactly",
                    example = "0.15") double accepted) {
    }
}
