package dev.scaleplan.fits;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scaleplan.fitting.Estimate;
import io.swagger.v3.oas.annotations.media.Schema;

/** An asked-for metric (`metrics=`) predicted through its chain of fits. */
@Schema(description = "A metric predicted through its chain: the estimate under every step's best fit, and the band of "
        + "the chained draws (joint bootstrap draws; with each step's run scatter under prediction and calibrated bands)")
public record MetricAnswer(
        @Schema(description = "The metric under every step's best fit", example = "0.52") double estimate,
        @Schema(description = "Lower end of the band", example = "0.50")
        @JsonInclude(JsonInclude.Include.ALWAYS) Double lower,
        @Schema(description = "Upper end of the band", example = "0.54")
        @JsonInclude(JsonInclude.Include.ALWAYS) Double upper,
        @Schema(description = "The fits chained, from the metric back to N and D: the downstream fit, then the law "
                + "fit of its predictor (the asker's own law when the predictor is the loss)")
        List<Link> chain,
        @Schema(description = "Set when a step could not give the band asked for, saying which it gave",
                example = "Fit 31 (target arc_bpb) has no calibrated band: …; its step carries the prediction band")
        String note) {

    public MetricAnswer {
        chain = List.copyOf(chain);
    }

    static MetricAnswer of(Estimate estimate, List<Link> chain, String note) {
        return new MetricAnswer(estimate.estimate(), estimate.lower(), estimate.upper(), chain, note);
    }

    /** One fit of a chain. */
    @Schema(name = "ChainLink", description = "One fit of a metric's chain")
    public record Link(
            @Schema(description = "Fit id", example = "31") long fitId,
            @Schema(description = "Its form", example = "downstream") String form,
            @Schema(description = "Law fits: the quantity fitted in N and D (`loss` for the loss)",
                    example = "arc_challenge_bpb") String target,
            @Schema(description = "Downstream fits: the metric fitted", example = "arc_challenge_acc") String metric,
            @Schema(description = "Downstream fits: its predictor (`loss` for the loss)", example = "arc_challenge_bpb")
            String from) {

        static Link law(long fitId, String form, String target) {
            return new Link(fitId, form, RunQuantities.name(target), null, null);
        }

        static Link downstream(long fitId, String metric, String from) {
            return new Link(fitId, FitForms.DOWNSTREAM, null, metric, RunQuantities.name(from));
        }
    }
}
