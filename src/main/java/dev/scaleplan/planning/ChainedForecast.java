package dev.scaleplan.planning;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.MetricLaw;
import dev.scaleplan.fitting.Percentiles;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A metric predicted through a two-step chain (Bhagia et al. 2024, "Establishing Task Scaling Laws via
 * Compute-Efficient Model Ladders", §3): step 1 predicts the predictor (a task loss, or the loss) at
 * (N, D), step 2 maps it to the metric through a downstream law. Uncertainty is propagated by
 * simulation: the k-th sample pairs step 1's k-th bootstrap law with step 2's k-th (cycling the shorter
 * list), so a joint draw of both fits; a prediction band adds each step's scatter of single runs about
 * its law (step 1's log residuals resampled, step 2's residual scale as a normal error); a calibrated
 * band replaces step 1's draws by the log error its backtest calibrated at that distance.
 */
public final class ChainedForecast {

    /** Samples per band when a scatter is added (the draws alone give one sample per pair). */
    static final int SCATTER_SAMPLES = 4000;

    private ChainedForecast() {
    }

    /**
     * Step 1 at the point.
     *
     * @param best         the best law's prediction of the predictor
     * @param draws        each bootstrap law's prediction (empty: the best only)
     * @param logResiduals log residuals of the fitted runs to resample onto each draw (empty: none)
     * @param logScale     σ of a normal log error (a calibrated band; 0: none)
     */
    public record Predictor(double best, double[] draws, double[] logResiduals, double logScale) {

        public Predictor {
            Checks.positive(best, "best");
            draws = draws.clone();
            logResiduals = logResiduals.clone();
        }

        /** The bootstrap draws alone: a confidence band. */
        public static Predictor confidence(double best, double[] draws) {
            return new Predictor(best, draws, new double[0], 0);
        }

        /** Draws plus the runs' scatter: a prediction band. */
        public static Predictor prediction(double best, double[] draws, double[] logResiduals) {
            return new Predictor(best, draws, logResiduals, 0);
        }

        /**
         * The best prediction with a normal log error whose central {@code level} interval is the
         * calibrated band [lower, upper] (the wider side, so the band is not narrowed).
         */
        public static Predictor calibrated(double best, double lower, double upper, double level) {
            double z = new NormalDistribution().inverseCumulativeProbability((1 + level) / 2);
            double halfWidth = Math.max(Math.log(upper / best), Math.log(best / lower));
            return new Predictor(best, new double[0], new double[0], Math.max(0, halfWidth) / z);
        }

        boolean scattered() {
            return logResiduals.length > 0 || logScale > 0;
        }
    }

    /**
     * Step 2 and its uncertainty.
     *
     * @param best    the downstream fit's best law
     * @param draws   its bootstrap laws (empty: the best only)
     * @param scatter standard deviation of a run's metric about the law, added for a prediction band (0: none)
     */
    public record Metric(MetricLaw best, List<MetricLaw> draws, double scatter) {

        public Metric {
            draws = List.copyOf(draws);
        }
    }

    /** The metric under both best fits, with the percentile band of the chained samples. */
    public static Estimate forecast(Predictor predictor, Metric metric, double confidenceLevel, long seed) {
        double estimate = metric.best().metric(predictor.best());
        int pairs = Math.max(1, Math.max(predictor.draws().length, metric.draws().size()));
        boolean scattered = predictor.scattered() || metric.scatter() > 0;
        int samples = scattered ? Math.max(pairs, SCATTER_SAMPLES) : pairs;
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[samples];
        int count = 0;
        for (int k = 0; k < samples; k++) {
            double loss = predictor.draws().length == 0 ? predictor.best()
                    : predictor.draws()[k % predictor.draws().length];
            if (predictor.logResiduals().length > 0) {
                loss *= Math.exp(predictor.logResiduals()[random.nextInt(predictor.logResiduals().length)]);
            }
            if (predictor.logScale() > 0) {
                loss *= Math.exp(predictor.logScale() * gaussian(random));
            }
            MetricLaw law = metric.draws().isEmpty() ? metric.best() : metric.draws().get(k % metric.draws().size());
            double value = law.metric(loss) + (metric.scatter() > 0 ? metric.scatter() * gaussian(random) : 0);
            if (law.bounded()) {
                value = Math.min(1, Math.max(0, value));
            }
            if (Double.isFinite(value)) {
                values[count++] = value;
            }
        }
        if (count == 0 || (pairs == 1 && !scattered)) {
            return new Estimate(estimate, estimate, estimate);
        }
        return Percentiles.estimate(estimate, Arrays.copyOf(values, count), confidenceLevel);
    }

    /** A standard normal variate (Box–Muller), so that a seed gives the same band on every JVM. */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
