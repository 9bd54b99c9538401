package dev.scaleplan.fits;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.scaleplan.fitting.ComputeAxis;
import dev.scaleplan.fitting.FlopsConvention;
import dev.scaleplan.fitting.TrainingFlops;
import dev.scaleplan.planning.ParameterConversion;
import dev.scaleplan.projects.CountingConventions;
import dev.scaleplan.runs.RunPoints;
import dev.scaleplan.runs.TaggedPoints;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;

/**
 * A project's runs counted in its declared conventions (docs/conventions.md): the compute axis of its fits,
 * and the FLOPs per token and the other parameter count its plans read off the runs. A run that lacks what
 * the FLOPs convention needs makes the fit or plan a 422 naming it, since leaving it out silently would fit
 * other runs than the user chose.
 */
public final class CountedRuns {

    /** Run ids named in a refusal; the count is always given. */
    static final int LISTED = 20;

    private CountedRuns() {
    }

    /** Each run's training compute in the project's FLOPs convention. */
    public static double[] flops(CountingConventions conventions, RunPoints runs) {
        return axis(conventions, runs).flops();
    }

    /** FLOPs per training token at any model size, in the project's FLOPs convention. */
    public static TrainingFlops trainingFlops(CountingConventions conventions, RunPoints runs) {
        if (conventions.flopsConvention() != FlopsConvention.SIX_N && runs.size() == 0) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The project counts compute as "
                    + conventions.flopsConvention().wireName() + ", which is read off its runs, and it has none.",
                    List.of(), Map.of("reason", "missing-run-fields"));
        }
        return axis(conventions, runs).trainingFlops();
    }

    /** The other parameter count, read off the runs that report embedding parameters; empty when none does. */
    public static Optional<ParameterConversion> conversion(CountingConventions conventions, RunPoints runs) {
        return ParameterConversion.fromRuns(conventions.parameterCount(), runs.parameters(), runs.embeddingParameters());
    }

    /**
     * {@code tagged} with each run's compute in the project's FLOPs convention, read off {@code all} (the same
     * filter's runs) by id: IsoFLOP budgets and backtest cut-offs are on that axis.
     */
    static TaggedPoints tagged(CountingConventions conventions, RunPoints all, TaggedPoints tagged) {
        Set<Long> wanted = Arrays.stream(tagged.ids()).boxed().collect(Collectors.toSet());
        double[] allIds = all.ids();
        RunPoints matched = all.select(IntStream.range(0, all.size())
                .filter(i -> wanted.contains((long) allIds[i])).toArray());
        double[] flops = flops(conventions, matched);
        Map<Long, Double> flopsById = new HashMap<>();
        double[] matchedIds = matched.ids();
        for (int i = 0; i < flops.length; i++) {
            flopsById.put((long) matchedIds[i], flops[i]);
        }
        long[] ids = tagged.ids();
        double[] counted = tagged.flops();
        for (int j = 0; j < ids.length; j++) {
            // A run uploaded between the two reads keeps its stored compute; the next fit sees it counted.
            counted[j] = flopsById.getOrDefault(ids[j], counted[j]);
        }
        return new TaggedPoints(ids, tagged.parameters(), tagged.tokens(), counted, tagged.loss(), tagged.experts(),
                tagged.tag(), tagged.uniqueTokens());
    }

    private static ComputeAxis axis(CountingConventions conventions, RunPoints runs) {
        ComputeAxis axis = new ComputeAxis(conventions.flopsConvention(), conventions.flopsPerToken(), runs.parameters(),
                runs.tokens(), runs.givenFlops(), runs.attentionFlopsPerToken());
        int[] missing = axis.runsMissingInputs();
        if (missing.length > 0) {
            throw refusal(conventions.flopsConvention(), missing, runs.ids());
        }
        return axis;
    }

    private static ApiException refusal(FlopsConvention convention, int[] missing, double[] ids) {
        List<Long> named = Arrays.stream(missing).limit(LISTED).mapToObj(i -> (long) ids[i]).toList();
        String needs = convention == FlopsConvention.GIVEN ? "uploaded flops"
                : "layers, contextLength and width";
        String detail = "The project counts compute as " + convention.wireName() + ", which needs " + needs
                + " on every run; " + missing.length + " run(s) lack them: "
                + named.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + (missing.length > LISTED ? ", …" : "")
                + ". Delete those runs and upload them again with the fields, narrow the runs with a filter, or change"
                + " flopsConvention.";
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("reason", "missing-run-fields");
        properties.put("runIds", named);
        properties.put("missingRuns", missing.length);
        return new ApiException(ProblemType.UNPROCESSABLE, detail, List.of(), properties);
    }
}
