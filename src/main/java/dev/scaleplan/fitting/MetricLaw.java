package dev.scaleplan.fitting;

import java.util.Arrays;

/**
 * A fitted downstream relation: a metric as a function of the loss. With {@code complement} the shape
 * models {@code 1 − metric} (Gadre et al.'s top-1 error of an accuracy).
 *
 * @param shape      the functional form
 * @param natural    its parameters in {@link DownstreamShape#parameterNames()} order
 * @param complement whether the shape gives {@code 1 − metric}
 * @param bounded    whether the metric is confined to [0, 1] (then every prediction is)
 */
public record MetricLaw(DownstreamShape shape, double[] natural, boolean complement, boolean bounded) {

    public MetricLaw {
        natural = natural.clone();
    }

    /** The metric predicted at this loss. */
    public double metric(double loss) {
        double value = shape.value(natural, loss);
        double metric = complement ? 1 - value : value;
        // A [0, 1] metric stays in [0, 1]: the sigmoid's levels are inside by construction; Gadre et al.'s
        // error law ε − k·e^(−γL) falls below 0 error at losses far under the observed ones and is clamped there.
        return bounded ? Math.min(1, Math.max(0, metric)) : metric;
    }

    /**
     * The loss at which this law predicts {@code metric}; NaN when no loss does (e.g. at or above a
     * sigmoid's ceiling, at or below its floor).
     */
    public double lossFor(double metric) {
        return shape.inverse(natural, complement ? 1 - metric : metric);
    }

    /** The value the law approaches as the loss falls to 0 (a sigmoid's ceiling side), for messages. */
    public double atZeroLoss() {
        return metric(0);
    }

    @Override
    public double[] natural() {
        return natural.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetricLaw that && shape == that.shape && Arrays.equals(natural, that.natural)
                && complement == that.complement && bounded == that.bounded;
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(natural);
    }
}
