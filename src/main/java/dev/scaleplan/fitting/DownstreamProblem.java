package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One downstream least-squares problem: the shape, the runs' losses and target values, and an
 * unconstrained internal parameterisation that keeps every admissible law inside its bounds —
 * exponent and scale positive through {@code exp}, the levels of [0, 1] metrics (Gadre's error
 * ceiling ε, the sigmoid's floor and ceiling) inside [0, 1] through logistic maps, the shifted
 * power's offsets below the smallest observed losses.
 */
final class DownstreamProblem {

    final DownstreamShape shape;
    final double[] loss;
    /** The fitted values: the metric, or {@code 1 − metric} when {@link #complement}. */
    final double[] target;
    final boolean complement;
    final boolean bounded;
    /** +1 when the target rises with the loss, −1 when it falls. */
    final int direction;
    private final Range lossRange;
    private final Range targetRange;

    DownstreamProblem(DownstreamShape shape, double[] loss, double[] metric, int metricDirection) {
        this.shape = shape;
        this.loss = loss.clone();
        this.bounded = shape != DownstreamShape.SHIFTED_POWER && Arrays.stream(metric).allMatch(v -> v >= 0 && v <= 1);
        // Gadre et al. model the error; an accuracy (bounded, falling with the loss) is fitted as 1 − accuracy.
        this.complement = shape == DownstreamShape.EXPONENTIAL && bounded && metricDirection < 0;
        this.target = complement ? Arrays.stream(metric).map(v -> 1 - v).toArray() : metric.clone();
        this.direction = complement ? 1 : metricDirection;
        this.lossRange = Range.of(loss);
        this.targetRange = Range.of(target);
    }

    /** Natural parameters for internal {@code u}. */
    double[] natural(double[] u) {
        return switch (shape) {
            case EXPONENTIAL -> {
                // Bounded: the error ceiling ε in [0, 1] (predictions are clamped at 0 error, see MetricLaw).
                double epsilon = bounded ? logistic(u[0]) : u[0];
                double k = direction * Math.exp(u[1]);
                yield new double[] {epsilon, k, Math.exp(u[2])};
            }
            case SIGMOID -> {
                double floor = bounded ? logistic(u[0]) : u[0];
                double ceiling = bounded ? floor + (1 - floor) * logistic(u[1]) : floor + Math.exp(u[1]);
                // slope > 0 makes the sigmoid fall with the loss.
                yield new double[] {floor, ceiling, u[2], -direction * Math.exp(u[3])};
            }
            case SHIFTED_POWER -> new double[] {Math.exp(u[0]), Math.exp(u[1]), lossRange.min() * logistic(u[2]),
                    targetRange.min() * logistic(u[3])};
        };
    }

    MetricLaw law(double[] natural) {
        return new MetricLaw(shape, natural, complement, bounded);
    }

    /** The shape's value (on the target scale) for run i at natural parameters p. */
    double predicted(double[] natural, int i) {
        return shape.value(natural, loss[i]);
    }

    /** Starting points in internal parameters. */
    List<double[]> starts() {
        List<double[]> starts = new ArrayList<>();
        double spread = Math.max(targetRange.max() - targetRange.min(), 1e-6);
        double lossSpread = Math.max(lossRange.max() - lossRange.min(), 1e-6);
        double[] rates = {Math.log(0.3 / lossSpread), Math.log(1 / lossSpread), Math.log(3 / lossSpread)};
        switch (shape) {
            case EXPONENTIAL -> {
                double[] levels = bounded ? new double[] {-1, 0.5, 2, 4} : new double[] {targetRange.min(),
                        targetRange.max(), targetRange.max() + spread};
                double[] scales = {Math.log(spread), Math.log(spread) + 2, Math.log(spread) + 5};
                for (double level : levels) {
                    for (double scale : scales) {
                        for (double rate : rates) {
                            starts.add(new double[] {level, scale, rate});
                        }
                    }
                }
            }
            case SIGMOID -> {
                double[] floors = bounded ? new double[] {logit(Math.max(targetRange.min() - 0.05, 0.01)), -3}
                        : new double[] {targetRange.min() - 0.1 * spread, targetRange.min()};
                double[] ceilings = bounded ? new double[] {0, 2} : new double[] {Math.log(spread), Math.log(2 * spread)};
                for (double floor : floors) {
                    for (double ceiling : ceilings) {
                        for (double q : new double[] {0.25, 0.5, 0.75}) {
                            for (double rate : rates) {
                                starts.add(new double[] {floor, ceiling,
                                        lossRange.min() + q * lossSpread, rate + Math.log(4)});
                            }
                        }
                    }
                }
            }
            case SHIFTED_POWER -> {
                for (double scale : new double[] {-0.5, 0.5}) {
                    for (double exponent : new double[] {Math.log(0.7), Math.log(1.4)}) {
                        for (double offsetA : new double[] {-2, 0, 2}) {
                            for (double offsetB : new double[] {-1, 1}) {
                                starts.add(new double[] {scale, exponent, offsetA, offsetB});
                            }
                        }
                    }
                }
            }
        }
        return starts;
    }

    int parameterCount() {
        return shape.parameterNames().size();
    }

    int size() {
        return loss.length;
    }

    static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
