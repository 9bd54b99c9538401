package dev.scaleplan.plans;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.scaleplan.fitting.ParameterCount;
import dev.scaleplan.fitting.Range;
import dev.scaleplan.fitting.TrainingFlops;
import dev.scaleplan.planning.ParameterConversion;
import dev.scaleplan.projects.CountingConventions;
import io.swagger.v3.oas.annotations.media.Schema;

/** A plan's model size in both parameter counts, and how its N and C were counted (docs/conventions.md). */
@Schema(description = "How the plan counts N and C. `total` and `non-embedding` give the planned model in both counts "
        + "when the project's runs report `embeddingParameters` (the other count interpolated over their sizes, see "
        + "`conversionRange`); otherwise only the declared count is given")
public record PlanConventions(
        @JsonProperty("total") @Schema(description = "N counting every parameter", example = "7.2e10") Double total,
        @JsonProperty("non-embedding") @Schema(description = "N without token and position embeddings",
                example = "7.0e10") Double nonEmbedding,
        @Schema(description = "The count the plan's `parameters` (and its intervals) are in: the project's "
                + "`parameterCount`", example = "total") String parameterCount,
        @Schema(description = "The project's `flopsConvention`: how the plan's `flops` are counted", example = "6N")
        String flopsConvention,
        @Schema(description = "Declared sizes of the runs the other count was interpolated over (log-log); beyond "
                + "them it is extrapolated and a warning says so. Absent when only one count is given")
        SizeRange conversionRange,
        @Schema(description = "Declared sizes of the runs FLOPs per token were interpolated over (6N+attention, "
                + "given); absent under 6N, which is exact at every size")
        SizeRange flopsPerTokenRange) {

    /** Smallest and largest model size. */
    public record SizeRange(@Schema(example = "1.2e8") double min, @Schema(example = "6.9e9") double max) {

        static SizeRange of(Range range) {
            return new SizeRange(range.min(), range.max());
        }
    }

    /** The conventions of a plan of {@code parameters} in the declared count. */
    static PlanConventions of(CountingConventions conventions, TrainingFlops compute,
                              Optional<ParameterConversion> conversion, double parameters) {
        boolean total = conventions.parameterCount() == ParameterCount.TOTAL;
        Double declared = parameters;
        Double other = conversion.map(c -> c.other(parameters)).orElse(null);
        return new PlanConventions(total ? declared : other, total ? other : declared,
                conventions.parameterCount().wireName(), conventions.flopsConvention().wireName(),
                conversion.map(c -> SizeRange.of(c.range())).orElse(null),
                compute.interpolationRange().map(SizeRange::of).orElse(null));
    }

    /** Cautions when the plan's size lies beyond the runs the other count or the FLOPs per token were read off. */
    static List<String> warnings(CountingConventions conventions, TrainingFlops compute,
                                 Optional<ParameterConversion> conversion, double parameters) {
        List<String> warnings = new ArrayList<>();
        if (compute.extrapolates(parameters)) {
            Range range = compute.interpolationRange().orElseThrow();
            warnings.add(String.format(Locale.ROOT, "FLOPs per token at N = %.3g are extrapolated (as a power law of N)"
                            + " beyond the runs' sizes %.3g to %.3g they were read off (flopsConvention %s): the plan's"
                            + " compute split rests on that extrapolation.", parameters, range.min(), range.max(),
                    conventions.flopsConvention().wireName()));
        }
        conversion.filter(c -> c.extrapolates(parameters)).ifPresent(c -> warnings.add(String.format(Locale.ROOT,
                "The %s count of N = %.3g is extrapolated beyond the runs that report embedding parameters (%.3g to"
                        + " %.3g).", conventions.parameterCount().other().wireName(), parameters, c.range().min(),
                c.range().max())));
        return List.copyOf(warnings);
    }
}
