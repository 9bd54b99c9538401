package dev.scaleplan.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.scaleplan.fitting.LogLogInterpolation;
import dev.scaleplan.fitting.ParameterCount;
import dev.scaleplan.fitting.Range;

/**
 * Converts a model size between the two parameter counts (total and non-embedding). The embedding share of
 * N is no constant (it falls with size: a vocabulary of V tokens at width d costs V·d, the rest grows as
 * ~12·n_layer·d², Kaplan et al. 2020, §2.1), so the other count is read off the runs that report their
 * embedding parameters, interpolated over their sizes in log-log space ({@link LogLogInterpolation}).
 *
 * @param declared the count the project's N are in
 * @param otherCount the other count as a function of the declared N
 */
public record ParameterConversion(ParameterCount declared, LogLogInterpolation otherCount) {

    /**
     * The conversion read off the runs that report embedding parameters; empty when none does.
     *
     * @param parameters each run's N, in the {@code declared} count
     * @param embeddingParameters each run's embedding parameters, NaN where it reported none (below N)
     */
    public static Optional<ParameterConversion> fromRuns(ParameterCount declared, double[] parameters,
                                                         double[] embeddingParameters) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            double embedding = embeddingParameters[i];
            if (embedding > 0 && Double.isFinite(embedding)) {
                double other = declared == ParameterCount.TOTAL ? parameters[i] - embedding : parameters[i] + embedding;
                if (other > 0) {
                    pairs.add(new double[] {parameters[i], other});
                }
            }
        }
        if (pairs.isEmpty()) {
            return Optional.empty();
        }
        double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
        return Optional.of(new ParameterConversion(declared, LogLogInterpolation.through(x, y)));
    }

    /** The other count of a model of {@code parameters} in the declared count. */
    public double other(double parameters) {
        return otherCount.at(parameters);
    }

    /** The declared sizes of the runs the conversion was read off. */
    public Range range() {
        return otherCount.range();
    }

    /** Whether {@code parameters} lies outside the runs' sizes, where the conversion is extrapolated. */
    public boolean extrapolates(double parameters) {
        return !otherCount.covers(parameters);
    }
}
