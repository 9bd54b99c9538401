package dev.scaleplan.plans;

import dev.scaleplan.web.ApiEstimate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.Alternative;
import dev.scaleplan.planning.Coverage;
import dev.scaleplan.planning.FittedRegion;
import dev.scaleplan.planning.InferenceAwarePlan;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/** A plan as clients see it: the stored {@link Plan} with the id and creation time of its row. */
@Schema(name = "Plan", description = "A training-run plan with calibrated intervals (or the fit's bootstrap intervals)")
public record PlanResponse(
        @Schema(description = "Plan id", example = "7") long id,
        @JsonUnwrapped Plan plan,
        Instant createdAt) {

    /** The bootstrap intervals shown beside calibrated ones. */
    public record BootstrapIntervals(@Schema(description = "Predicted loss with its bootstrap interval") ApiEstimate predictedLoss,
                                     @Schema(description = "Bootstrap interval of N") PercentileInterval parametersInterval,
                                     @Schema(description = "Bootstrap interval of D") PercentileInterval tokensInterval) {
    }

    /** Weights memory. */
    public record Memory(@Schema(description = "Parameters held in memory", example = "7.2e10") double totalParameters,
                         @Schema(description = "Bytes per parameter (2 = BF16)", example = "2") double bytesPerParameter,
                         @Schema(example = "1.44e11") double weightsBytes,
                         @Schema(description = "Accelerator id → how many hold the weights by memory alone (no "
                                 + "optimiser state, activations or KV cache)", example = "{\"h100-sxm\": 2}")
                         java.util.Map<String, Long> acceleratorsToHoldWeights) {
    }

    /** A routed model for the same compute. */
    public record MoePlan(@Schema(example = "8") long experts,
                          @Schema(description = "Active parameters per token N", example = "7.2e10") double parameters,
                          @Schema(description = "N·(1 + φ·(E − 1))", example = "2.4e11") double totalParameters,
                          @Schema(example = "1.33e12") double tokens, @Schema(example = "5.76e23") double flops,
                          @Schema(description = "Under the moe fit, with its bootstrap interval") ApiEstimate predictedLoss,
                          @Schema(description = "Dense size with the same loss (Clark et al. 2022, effective parameter count)")
                          ApiEstimate effectiveParameters,
                          @Schema(example = "4.8e11") double weightsBytes,
                          @Schema(example = "2") double bytesPerParameter,
                          @Schema(example = "{\"h100-sxm\": 6}") java.util.Map<String, Long> acceleratorsToHoldWeights,
                          @Schema(description = "φ used for totalParameters", example = "0.33") double expertParameterShare,
                          @Schema(description = "Asked-for metrics at this option's loss, through their chains")
                          java.util.Map<String, dev.scaleplan.fits.MetricAnswer> metrics) {
    }

    /** A percentile interval over the bootstrap draws (named {@code Bounds} in the API document). */
    @Schema(name = "Bounds")
    public record PercentileInterval(double lower, double upper) {
    }

    /** How many bootstrap draws gave a plan. */
    public record Draws(@Schema(example = "200") int used, @Schema(example = "200") int total) {
    }

    /** A hardware budget's figures. */
    public record Hardware(@Schema(example = "h100-sxm") String accelerator, @Schema(example = "1024") long count,
                           @Schema(example = "0.4") double mfu, @Schema(example = "9.89e14") double peakFlopsPerSecond,
                           @Schema(description = "Wall-clock hours", example = "720") double hours,
                           @Schema(example = "737280") double acceleratorHours,
                           @Schema(example = "2.5") Double pricePerHour, @Schema(example = "1843200") Double cost) {
    }

    /** Training versus lifetime compute. */
    public record Inference(@Schema(example = "2e13") double inferenceTokens,
                            @Schema(description = "2·N·D_inference") double inferenceFlops,
                            @Schema(description = "Training plus inference FLOPs") double lifetimeFlops,
                            @Schema(description = "Lifetime FLOPs of the compute-optimal model with the same loss")
                            double computeOptimalLifetimeFlops,
                            @Schema(description = "Tokens per parameter relative to compute-optimal", example = "9.9")
                            double overtrainingFactor,
                            @Schema(description = "N relative to compute-optimal", example = "0.4") double parameterRatio) {

        static Inference of(InferenceAwarePlan plan) {
            return new Inference(plan.inferenceTokens(), plan.inferenceFlops(), plan.lifetimeFlops(),
                    plan.computeOptimalLifetimeFlops(), plan.overtrainingFactor(), plan.parameterRatio());
        }
    }

    /** Repeated-data figures (Muennighoff et al. 2023) and which repetition constants they rest on. */
    public record DataConstraint(@Schema(example = "1e11") double uniqueTokens,
                                 @Schema(description = "D / U, passes over the unique data", example = "9.5") double epochs,
                                 @Schema(description = "D', the data the repeated tokens are worth (eq. 5)",
                                         example = "7.6e11") double effectiveTokens,
                                 @Schema(description = "Loss above the unconstrained compute-optimal plan", example = "0.0088")
                                 double lossPenalty,
                                 @Schema(description = "The data-constrained fit whose R*_D and R*_N were used; absent when "
                                         + "the published constants were (see warnings)", example = "17") Long fitId,
                                 @Schema(description = "R*_D used: repetitions after which more epochs add little",
                                         example = "15.4") Double rStarD,
                                 @Schema(description = "R*_N used: the same for parameters beyond what the unique data "
                                         + "can use; absent when the law's parameter term was not decayed",
                                         example = "5.3") Double rStarN) {
    }

    /**
     * Planned compute over the largest fitted run's compute, with the caution in words whenever N, D or C
     * lies outside the fitted runs: the same definition and sentence as a prediction's.
     */
    public record Extrapolation(@Schema(example = "57.3") double ratio,
                                @Schema(example = "C = 5.31e+24 is 57× the largest fitted run's compute (9.26e+22); "
                                        + "N = 2.01e+11 and D = 4.40e+12 lie outside the fitted runs (N 7.00e+07 to "
                                        + "1.39e+10, D 3.50e+08 to 1.11e+12). Predictions this far out are uncertain.")
                                String warning) {
    }

    /** One strategy for the same budget. */
    public record AlternativePlan(@Schema(example = "kaplan-2020") String strategy,
                                  @Schema(example = "N ∝ C^0.73 (Kaplan et al. 2020)") String description,
                                  double parameters, double tokens, double flops,
                                  @Schema(description = "D/N of this alternative (was tokensPerParameter)", example = "0.15")
                                  @JsonAlias("tokensPerParameter") double plannedTokensPerParameter,
                                  @Schema(description = "Predicted loss under the project's law") double predictedLoss,
                                  @Schema(description = "Cautions in words when the alternative leaves the range the law "
                                          + "was fitted on; empty otherwise")
                                  List<String> warnings) {

        /** The alternative with its cautions when it leaves the fitted region. */
        static AlternativePlan of(Alternative alternative, FittedRegion region) {
            Allocation a = alternative.allocation();
            List<String> warnings = new ArrayList<>(Coverage.caveats(a, region));
            dev.scaleplan.planning.Extrapolation extrapolation = dev.scaleplan.planning.Extrapolation.at(a.parameters(),
                    a.tokens(), a.flops(), region);
            if (extrapolation.hasWarning()) {
                warnings.add(extrapolation.warning());
            }
            return new AlternativePlan(alternative.strategy(), alternative.description(), a.parameters(), a.tokens(),
                    a.flops(), a.tokensPerParameter(), a.loss(), List.copyOf(warnings));
        }
    }
}
