package dev.scaleplan.fits;

import io.swagger.v3.oas.annotations.media.Schema;

/** One run under a fitted loss law: observed against predicted, and for a moe fit its effective size. */
@Schema(description = "A run's observed and predicted loss under a fit; for moe fits its effective parameter count")
public record RunResidual(
        @Schema(description = "Run id", example = "1042") long runId,
        @Schema(description = "Client key", example = "sweep-3/run-17") String externalId,
        @Schema(description = "Active parameters N", example = "4.0e8") double parameters,
        @Schema(description = "Tokens D", example = "1.3e11") double tokens,
        @Schema(description = "Experts (1 = dense)", example = "8") long experts,
        @Schema(description = "Total parameters", example = "1.3e9") double totalParameters,
        @Schema(description = "Observed loss", example = "2.61") double loss,
        @Schema(description = "False for a routed run under a dense form, which fits dense runs only", example = "true")
        boolean inFit,
        @Schema(description = "Loss the best-fit law predicts for the run", example = "2.60") double predictedLoss,
        @Schema(description = "log(loss) − log(predictedLoss)", example = "0.004") double logResidual,
        @Schema(description = "moe fits: the dense size with the same predicted loss (Clark et al. 2022, effective "
                + "parameter count)", example = "9.6e8") Double effectiveParameters) {
}
