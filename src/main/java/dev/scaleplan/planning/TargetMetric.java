package dev.scaleplan.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.MetricLaw;
import dev.scaleplan.fitting.Percentiles;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.TrainingFlops;

/**
 * The least compute whose compute-optimal allocation reaches a metric (a task's accuracy) through a
 * two-step chain: the downstream law is inverted to the predictor's value that gives the metric (the
 * task loss needed), then {@link TargetLoss} finds the least compute reaching that loss under the
 * predictor's law. Intervals pair the two fits' bootstrap draws (k-th with k-th, cycling the shorter).
 */
public final class TargetMetric {

    /** Pairs drawn when step 1's extrapolation error is added (the draws alone give one per pair). */
    static final int ERROR_SAMPLES = 1000;

    private TargetMetric() {
    }

    /**
     * The plan and its intervals.
     *
     * @param allocation the best fits' plan
     * @param neededLoss the predictor's value the best downstream law needs
     * @param neededLossInterval its interval over the downstream draws
     * @param flops      compute over the paired draws
     * @param parameters N over the paired draws
     * @param tokens     D over the paired draws
     * @param drawsUsed  pairs under which the target was reached
     * @param drawsTotal pairs tried
     */
    public record Plan(Allocation allocation, double neededLoss, Estimate neededLossInterval, Estimate flops,
                       Estimate parameters, Estimate tokens, int drawsUsed, int drawsTotal) {
    }

    /** The predictor's value at which {@code law} gives {@code value}, or why none does. */
    public static PlanOutcome<Double> neededLoss(MetricLaw law, String metric, double value) {
        double loss = law.lossFor(value);
        if (Double.isNaN(loss)) {
            return PlanOutcome.unreachable(beyondShape(law, metric, value));
        }
        if (!(loss > 0)) {
            return PlanOutcome.unreachable(String.format(Locale.ROOT, "%s = %.4g needs a predictor value of %.4g, "
                    + "at or below 0, which no model reaches", metric, value, loss));
        }
        return PlanOutcome.planned(loss);
    }

    /**
     * The plan for {@code metric} to reach {@code value}.
     *
     * @param metricLaw   step 2's best law and its draws
     * @param metricDraws step 2's bootstrap laws
     * @param law         step 1's best law (the predictor's, in N and D)
     * @param lawDraws    its bootstrap laws
     */
    public static PlanOutcome<Plan> plan(MetricLaw metricLaw, List<MetricLaw> metricDraws, ScalingLaw law,
                                         List<ScalingLaw> lawDraws, String metric, double value,
                                         double flopsPerToken, double confidenceLevel) {
        return plan(metricLaw, metricDraws, law, lawDraws, metric, value, TrainingFlops.linear(flopsPerToken),
                confidenceLevel, 0, 0);
    }

    /** As below, with compute C = k·N·D. */
    public static PlanOutcome<Plan> plan(MetricLaw metricLaw, List<MetricLaw> metricDraws, ScalingLaw law,
                                         List<ScalingLaw> lawDraws, String metric, double value,
                                         double flopsPerToken, double confidenceLevel, double logError, long seed) {
        return plan(metricLaw, metricDraws, law, lawDraws, metric, value, TrainingFlops.linear(flopsPerToken),
                confidenceLevel, logError, seed);
    }

    /**
     * As above, with step 1's extrapolation error: each pair's law must reach its needed value times
     * {@code exp(−σ·z)}, z standard normal, so that a law that errs by {@code exp(σ·z)} at that compute
     * (a calibrated band's log error, see {@link ChainedForecast.Predictor#calibrated}) still reaches it.
     *
     * @param logError σ of step 1's log error at the plan's compute (0: the draws alone)
     * @param seed     seed of the errors
     */
    public static PlanOutcome<Plan> plan(MetricLaw metricLaw, List<MetricLaw> metricDraws, ScalingLaw law,
                                         List<ScalingLaw> lawDraws, String metric, double value,
                                         TrainingFlops compute, double confidenceLevel, double logError, long seed) {
        PlanOutcome<Double> needed = neededLoss(metricLaw, metric, value);
        if (!needed.isPlanned()) {
            return PlanOutcome.unreachable(needed.reason());
        }
        double loss = needed.orElseThrow();
        PlanOutcome<Allocation> best = TargetLoss.computeOptimal(law, loss, compute);
        if (!best.isPlanned()) {
            String reason = String.format(Locale.ROOT, "%s = %.4g needs a predictor value of %.4g: %s", metric, value,
                    loss, best.reason());
            return best instanceof PlanOutcome.CannotAllocate<Allocation> ? new PlanOutcome.CannotAllocate<>(reason)
                    : PlanOutcome.unreachable(reason);
        }
        int pairs = Math.max(Math.max(metricDraws.size(), lawDraws.size()), logError > 0 ? ERROR_SAMPLES : 0);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<Double> losses = new ArrayList<>();
        List<Allocation> reached = new ArrayList<>();
        for (int k = 0; k < pairs; k++) {
            MetricLaw m = metricDraws.isEmpty() ? metricLaw : metricDraws.get(k % metricDraws.size());
            ScalingLaw l = lawDraws.isEmpty() ? law : lawDraws.get(k % lawDraws.size());
            double drawLoss = m.lossFor(value);
            double error = logError > 0 ? Math.exp(-logError * ChainedForecast.gaussian(random)) : 1;
            if (!(drawLoss > 0)) {
                continue;
            }
            losses.add(drawLoss);
            PlanOutcome<Allocation> outcome = TargetLoss.computeOptimal(l, drawLoss * error, compute);
            if (outcome.isPlanned()) {
                reached.add(outcome.orElseThrow());
            }
        }
        Allocation allocation = best.orElseThrow();
        return PlanOutcome.planned(new Plan(allocation, loss,
                interval(loss, losses.stream().mapToDouble(Double::doubleValue).toArray(), confidenceLevel),
                interval(allocation.flops(), reached.stream().mapToDouble(Allocation::flops).toArray(), confidenceLevel),
                interval(allocation.parameters(), reached.stream().mapToDouble(Allocation::parameters).toArray(),
                        confidenceLevel),
                interval(allocation.tokens(), reached.stream().mapToDouble(Allocation::tokens).toArray(),
                        confidenceLevel), reached.size(), pairs));
    }

    /** The percentile interval of the draws; the estimate alone (zero width) without any. */
    private static Estimate interval(double estimate, double[] draws, double level) {
        return draws.length == 0 ? new Estimate(estimate, estimate, estimate)
                : Percentiles.estimate(estimate, draws, level);
    }

    /** Why no predictor value gives {@code value}: past the level the law approaches, in its own terms. */
    private static String beyondShape(MetricLaw law, String metric, double value) {
        double[] p = law.natural();
        return switch (law.shape()) {
            case SIGMOID -> {
                double ceiling = law.complement() ? 1 - p[1] : p[1];
                double floor = law.complement() ? 1 - p[0] : p[0];
                boolean aboveCeiling = ceiling > floor ? value >= ceiling : value <= ceiling;
                yield String.format(Locale.ROOT, aboveCeiling
                        ? "%s = %.4g is at or beyond the sigmoid's ceiling %.4g: the fit says no loss, however low, "
                        + "reaches it" : "%s = %.4g is at or beyond the sigmoid's floor %.4g (chance level): every "
                        + "model reaches it", metric, value, aboveCeiling ? ceiling : floor);
            }
            case EXPONENTIAL -> String.format(Locale.ROOT, "%s = %.4g is beyond what the exponential law reaches "
                    + "(it approaches %.4g as the loss falls)", metric, value, law.metric(0));
            case SHIFTED_POWER -> String.format(Locale.ROOT, "%s = %.4g is at or below the shifted power law's "
                    + "floor E_B = %.4g", metric, value, p[3]);
        };
    }
}
