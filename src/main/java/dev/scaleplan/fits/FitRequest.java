package dev.scaleplan.fits;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scaleplan.runs.RunFilter;
import dev.scaleplan.web.Finite;
import dev.scaleplan.web.Names;
import dev.scaleplan.web.WellFormedText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /projects/{id}/fits}. */
@Schema(description = "What to fit and how")
public record FitRequest(
        @Schema(description = "Law form: a loss law in N and D, `data-constrained` (Muennighoff et al. 2023: chinchilla "
                + "plus R*_D and R*_N, fitted on runs that carry `uniqueTokens`, some repeated for several epochs), "
                + "`moe` (Clark et al. 2022, loss in active N and experts), "
                + "`downstream` (a run metric against the loss; needs `metric` and `shape`), or isoflop for an IsoFLOP "
                + "analysis (Hoffmann et al. 2022, Approach 2: runs grouped into compute budgets by their budget tag or "
                + "by FLOPs within 10%)",
                requiredMode = Schema.RequiredMode.REQUIRED, example = "chinchilla")
        @NotNull
        @KnownFitForm
        String form,
        @Schema(description = "Objective on log-loss residuals: Huber (robust, Hoffmann et al. 2022) or squared (least squares)",
                example = "huber", defaultValue = "huber", allowableValues = {"huber", "squared"})
        @Pattern(regexp = "huber|squared", message = "must be huber or squared")
        String loss,
        @Schema(description = "Huber δ, 1e-6 to 10 (below that the Huber loss is the absolute error to rounding)",
                example = "0.001", defaultValue = "0.001")
        @Finite @DecimalMin("1e-6") @DecimalMax("10")
        Double huberDelta,
        @Schema(description = "Bootstrap refits for the intervals (0 to 1000)", example = "200", defaultValue = "200")
        @Min(0) @Max(1000)
        Integer bootstrap,
        @Schema(description = "Confidence level of every interval and band", example = "0.9", defaultValue = "0.9")
        @Finite @DecimalMin("0.5") @DecimalMax("0.999")
        Double confidenceLevel,
        @Schema(description = "Bootstrap seed; the same seed and data give the same intervals", example = "42",
                defaultValue = "42")
        Long seed,
        @Schema(description = "Only fit runs matching this filter")
        @Valid
        Filter filter,
        @Schema(description = "Fraction of the largest-compute runs held out to check extrapolation (0 = none, at most 0.5)",
                example = "0.1", defaultValue = "0.1")
        @Finite @DecimalMin("0") @DecimalMax("0.5")
        Double holdout,
        @Schema(description = "downstream only: the run metric to fit against the loss (a `metrics` name)",
                example = "hellaswag")
        @Pattern(regexp = Names.PATTERN, message = Names.NOT_A_METRIC)
        String metric,
        @Schema(description = "downstream only: exponential (Gadre et al. 2024, error = ε − k·exp(−γ·L)), sigmoid in "
                + "loss (Ruan et al. 2024 style), or shifted-power for another evaluation set's loss (Brandfonbrener "
                + "et al. 2024, L_B = K·(L_A − E_A)^κ + E_B)", example = "exponential",
                allowableValues = {"exponential", "sigmoid", "shifted-power"})
        @Pattern(regexp = "exponential|sigmoid|shifted-power", message = "must be exponential, sigmoid or shifted-power")
        String shape,
        @Schema(description = "Law forms (chinchilla, kaplan, power laws): the per-run quantity fitted as a function of "
                + "N and D, a run metric or a project aggregate such as a task's bits-per-byte (default: the loss). "
                + "Only runs that carry it are fitted; every value must be positive", example = "arc_challenge_bpb")
        @Pattern(regexp = Names.PATTERN, message = Names.NOT_A_METRIC)
        @JsonInclude(JsonInclude.Include.NON_NULL) // stored requests of the loss stay as they were (reuse compares them)
        String target,
        @Schema(description = "downstream only: the predictor `metric` is fitted against, a run metric or aggregate "
                + "(default: the run's loss). Predictions and plans chain through a law fit with this `target`",
                example = "arc_challenge_bpb")
        @Pattern(regexp = Names.PATTERN, message = Names.NOT_A_METRIC)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String from) {

    /** The request as before {@code target} and {@code from} existed, for callers that fit the loss. */
    public FitRequest(String form, String loss, Double huberDelta, Integer bootstrap, Double confidenceLevel, Long seed,
                      Filter filter, Double holdout, String metric, String shape) {
        this(form, loss, huberDelta, bootstrap, confidenceLevel, seed, filter, holdout, metric, shape, null, null);
    }

    /** The runs this request fits: all, or those its filter selects. */
    public RunFilter runFilter() {
        return filter == null ? RunFilter.ALL : new RunFilter(filter.dataset(), filter.tags());
    }

    /** Which runs to fit. */
    @Schema(description = "Selects runs by dataset and tags (all must match)")
    public record Filter(
            @Schema(description = "Dataset", example = "web-v2") @Size(max = 200) @WellFormedText String dataset,
            @Schema(description = "Tags every run must carry (values matched exactly)", example = "{\"arch\": \"dense\"}")
            @Size(max = 64)
            Map<@Pattern(regexp = Names.PATTERN, message = "tag names must match " + Names.PATTERN) String,
                    @NotNull(message = "tag values must be strings, not null") @Size(max = 256) @WellFormedText String> tags) {
    }
}
