package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Downstream relations recovered from data drawn from known laws. */
class DownstreamFitterTest {

    private final DownstreamFitter fitter = new DownstreamFitter();

    /** Losses evenly spread over [from, to], the metric from {@code law} plus Gaussian noise σ. */
    private static double[][] runs(DoubleUnaryOperator law, double from, double to, int n, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] loss = new double[n];
        double[] metric = new double[n];
        for (int i = 0; i < n; i++) {
            loss[i] = from + (to - from) * i / (n - 1);
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            metric[i] = law.applyAsDouble(loss[i]) + sigma * z;
        }
        return new double[][] {loss, metric};
    }

    private static DownstreamFit fitted(DownstreamOutcome outcome) {
        assertThat(outcome).isInstanceOf(DownstreamFit.class);
        return (DownstreamFit) outcome;
    }

    @Test
    void recoversGadresErrorLawFromAnAccuracyWithinItsIntervals() {
        // Gadre et al.-like magnitudes: error ceiling 0.75 (4-way chance), k = 2.2, γ = 0.9.
        DoubleUnaryOperator accuracy = loss -> 1 - (0.75 - 2.2 * Math.exp(-0.9 * loss));
        double[][] data = runs(accuracy, 2.2, 4.0, 40, 0.005, 3);

        DownstreamFit fit = fitted(fitter.fit(DownstreamShape.EXPONENTIAL, data[0], data[1], 200, 0.95, 1));

        assertThat(fit.complement()).isTrue();
        assertThat(fit.higherIsBetter()).isTrue();
        assertThat(0.75).isBetween(fit.parameters().get("epsilon").lower(), fit.parameters().get("epsilon").upper());
        assertThat(2.2).isBetween(fit.parameters().get("k").lower(), fit.parameters().get("k").upper());
        assertThat(0.9).isBetween(fit.parameters().get("gamma").lower(), fit.parameters().get("gamma").upper());
        assertThat(fit.law().metric(2.5)).isCloseTo(accuracy.applyAsDouble(2.5), within(0.01));
        assertThat(fit.rmse()).isCloseTo(0.005, within(0.002));
    }

    @Test
    void accuraciesStayWithinZeroAndOneFarOutsideTheFittedLosses() {
        double[][] data = runs(loss -> 1 - (0.75 - 2.2 * Math.exp(-0.9 * loss)), 2.2, 4.0, 30, 0.01, 5);
        for (DownstreamShape shape : new DownstreamShape[] {DownstreamShape.EXPONENTIAL, DownstreamShape.SIGMOID}) {
            DownstreamFit fit = fitted(fitter.fit(shape, data[0], data[1], 50, 0.9, 2));
            for (double loss : new double[] {0, 0.1, 1, 10, 100}) {
                Estimate predicted = fit.predict(loss);
                for (double value : new double[] {predicted.estimate(), predicted.lower(), predicted.upper()}) {
                    assertThat(value).as(shape + " at " + loss).isBetween(0.0, 1.0);
                }
            }
        }
    }

    @Test
    void recoversASigmoidInLoss() {
        // Chance 0.25, ceiling 0.9, midpoint 2.8, slope 4.
        DoubleUnaryOperator accuracy = loss -> 0.25 + 0.65 / (1 + Math.exp(4 * (loss - 2.8)));
        double[][] data = runs(accuracy, 1.8, 4.2, 40, 0.005, 7);

        DownstreamFit fit = fitted(fitter.fit(DownstreamShape.SIGMOID, data[0], data[1], 200, 0.95, 1));

        assertThat(fit.parameters().get("floor").estimate()).isCloseTo(0.25, within(0.02));
        assertThat(fit.parameters().get("ceiling").estimate()).isCloseTo(0.9, within(0.02));
        assertThat(2.8).isBetween(fit.parameters().get("midpoint").lower(), fit.parameters().get("midpoint").upper());
        assertThat(4.0).isBetween(fit.parameters().get("slope").lower(), fit.parameters().get("slope").upper());
    }

    @Test
    void recoversBrandfonbrenersShiftedPowerBetweenTwoLosses() {
        // L_B = 1.3·(L_A − 1.6)^0.9 + 1.9
        DoubleUnaryOperator other = loss -> 1.3 * Math.pow(loss - 1.6, 0.9) + 1.9;
        double[][] data = runs(other, 2.2, 4.0, 40, 0.003, 9);

        DownstreamFit fit = fitted(fitter.fit(DownstreamShape.SHIFTED_POWER, data[0], data[1], 200, 0.95, 1));

        assertThat(fit.bounded()).isFalse();
        assertThat(fit.law().metric(2.0)).isCloseTo(other.applyAsDouble(2.0), within(0.02));
        assertThat(0.9).isBetween(fit.parameters().get("kappa").lower(), fit.parameters().get("kappa").upper());
        assertThat(fit.parameters().get("EA").estimate()).isLessThan(2.2);
    }

    @Test
    void tooFewRunsIsAFailureWithTheCount() {
        DownstreamOutcome outcome = fitter.fit(DownstreamShape.SIGMOID, new double[] {2, 3, 4}, new double[] {0.5, 0.4, 0.3},
                10, 0.9, 1);

        assertThat(outcome).isInstanceOfSatisfying(DownstreamFailure.class, failure -> {
            assertThat(failure.reason()).isEqualTo(DownstreamFailure.Reason.TOO_FEW_RUNS);
            assertThat(failure.runs()).isEqualTo(3);
            assertThat(failure.message()).contains("needs at least 6 runs").contains("3 have it");
        });
    }

    @Test
    void aMetricUnrelatedToTheLossIsAFailureSayingSo() {
        SplittableRandom random = new SplittableRandom(4);
        double[] loss = new double[30];
        double[] metric = new double[30];
        for (int i = 0; i < 30; i++) {
            loss[i] = 2 + i * 0.05;
            metric[i] = 0.3 + 0.1 * random.nextDouble();
        }

        DownstreamOutcome outcome = fitter.fit(DownstreamShape.EXPONENTIAL, loss, metric, 10, 0.9, 1);

        assertThat(outcome).isInstanceOfSatisfying(DownstreamFailure.class, failure -> {
            assertThat(failure.reason()).isEqualTo(DownstreamFailure.Reason.NO_RELATION);
            assertThat(failure.message()).contains("no relation to the loss").contains("Spearman");
        });
    }
}
