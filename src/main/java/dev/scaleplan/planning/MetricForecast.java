package dev.scaleplan.planning;

import dev.scaleplan.fitting.Estimate;
import java.util.List;

import dev.scaleplan.fitting.MetricLaw;

/**
 * A downstream metric predicted through the loss: the loss law's bootstrap draws of the loss at a
 * point are pushed through every bootstrap draw of the downstream fit, so the band carries both
 * fits' uncertainty. The two bootstraps are independent, so every pairing of a loss draw with a
 * metric draw is a draw of the chain; all pairs are used.
 */
public final class MetricForecast {

    private MetricForecast() {
    }

    /**
     * @param bestLaw    the downstream fit's best law
     * @param lawDraws   its bootstrap laws (may be empty)
     * @param bestLoss   the loss law's prediction at the point
     * @param lossDraws  each loss-law bootstrap draw's prediction at the point (may be empty)
     * @param confidenceLevel coverage of the band, in (0, 1)
     * @return the metric under both best fits, with the percentile band of the chained draws
     */
    public static Estimate chain(MetricLaw bestLaw, List<MetricLaw> lawDraws, double bestLoss, double[] lossDraws,
                                 double confidenceLevel) {
        Checks.positive(bestLoss, "bestLoss");
        double estimate = bestLaw.metric(bestLoss);
        double[] losses = lossDraws.length == 0 ? new double[] {bestLoss} : lossDraws;
        List<MetricLaw> laws = lawDraws.isEmpty() ? List.of(bestLaw) : lawDraws;
        double[] samples = new double[losses.length * laws.size()];
        int count = 0;
        for (MetricLaw law : laws) {
            for (double loss : losses) {
                double value = law.metric(loss);
                if (Double.isFinite(value)) {
                    samples[count++] = value;
                }
            }
        }
        if (count == 0) {
            return new Estimate(estimate, estimate, estimate);
        }
        dev.scaleplan.fitting.Estimate band = dev.scaleplan.fitting.Percentiles.estimate(estimate,
                java.util.Arrays.copyOf(samples, count), confidenceLevel);
        return band;
    }
}
