package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted downstream relation (metric against loss, or one loss against another) with bootstrap
 * draws. Every field is a plain value, so the canonical constructor rebuilds a stored fit exactly.
 *
 * @param shape           the functional form
 * @param parameters      natural parameters with bootstrap percentile intervals
 * @param estimate        natural parameters at the best fit
 * @param draws           natural parameters of each successful bootstrap refit
 * @param complement      whether the shape was fitted to {@code 1 − metric} (an accuracy under Gadre et al.'s error law)
 * @param bounded         whether the metric lies in [0, 1], and so does every prediction
 * @param higherIsBetter  whether the metric rises as the loss falls (an accuracy)
 * @param runsUsed        runs with the metric that were fitted
 * @param rmse            root mean square of {@code metric − prediction}
 * @param rSquared        {@code 1 − SSE/SST}
 * @param spearman        rank correlation of metric and loss
 * @param spearmanPValue  two-sided p-value of that correlation (t approximation)
 * @param lossRange       observed losses
 * @param metricRange     observed metric values
 * @param confidenceLevel coverage of the intervals
 * @param seed            bootstrap seed
 */
public record DownstreamFit(DownstreamShape shape, Map<String, Estimate> parameters, double[] estimate,
                            double[][] draws, boolean complement, boolean bounded, boolean higherIsBetter,
                            int runsUsed, double rmse, double rSquared, double spearman, double spearmanPValue,
                            Range lossRange, Range metricRange, double confidenceLevel, long seed)
        implements DownstreamOutcome {

    public DownstreamFit {
        Objects.requireNonNull(shape, "shape");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        estimate = estimate.clone();
        draws = Arrays.stream(draws).map(double[]::clone).toArray(double[][]::new);
    }

    /** The best-fit law. */
    public MetricLaw law() {
        return new MetricLaw(shape, estimate, complement, bounded);
    }

    /** The law of each bootstrap draw. */
    public List<MetricLaw> drawLaws() {
        List<MetricLaw> laws = new ArrayList<>(draws.length);
        for (double[] draw : draws) {
            laws.add(new MetricLaw(shape, draw, complement, bounded));
        }
        return laws;
    }

    /** The metric at a known loss, with the percentile band of the bootstrap laws. */
    public Estimate predict(double loss) {
        double[] values = drawLaws().stream().mapToDouble(law -> law.metric(loss)).toArray();
        return Percentiles.estimate(law().metric(loss), values, confidenceLevel);
    }

    /**
     * The scatter of a run's metric about the law: the residual standard deviation with the degrees of
     * freedom the fit used, √(SSE/(n − p)), to add to a prediction band.
     */
    public double residualScale() {
        int p = shape.parameterNames().size();
        return runsUsed > p ? rmse * Math.sqrt((double) runsUsed / (runsUsed - p)) : rmse;
    }

    public int bootstrapSize() {
        return draws.length;
    }

    @Override
    public double[] estimate() {
        return estimate.clone();
    }

    @Override
    public double[][] draws() {
        return Arrays.stream(draws).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DownstreamFit that && shape == that.shape && parameters.equals(that.parameters)
                && Arrays.equals(estimate, that.estimate) && Arrays.deepEquals(draws, that.draws)
                && complement == that.complement && bounded == that.bounded && runsUsed == that.runsUsed
                && seed == that.seed && Double.compare(rmse, that.rmse) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(shape, parameters, Arrays.hashCode(estimate), runsUsed, seed);
    }

    @Override
    public String toString() {
        return "DownstreamFit[shape=" + shape.id() + ", parameters=" + parameters + ", runsUsed=" + runsUsed
                + ", rmse=" + rmse + ", rSquared=" + rSquared + "]";
    }
}
