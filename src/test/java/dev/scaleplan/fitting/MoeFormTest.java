package dev.scaleplan.fitting;

import static dev.scaleplan.fitting.FitAssertions.assertFit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/** Clark et al. 2022's routed-model law on data drawn from it with known coefficients. */
class MoeFormTest {

    /** Clark et al.'s S-BASE magnitudes in natural logs: c and d rescaled from base 10 (c/ln 10, d·ln 10). */
    static final MoeLaw TRUTH = new MoeLaw(-0.082, -0.108, 0.0039, 2.542, MoeForm.EXPERTS_START, MoeForm.EXPERTS_MAX);

    private static final LawForm MOE = LawForms.require("moe");
    private final ScalingLawFitter fitter = new ScalingLawFitter();

    /** N over [1e7, 1.3e9] (Clark's dense sizes), E ∈ {1, 2, …, 512}, log-normal noise σ. */
    static FitData routedRuns(MoeLaw law, DoublePredicate keepExperts, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        for (double n = 1.5e7; n <= 1.3e9; n *= 2.4) {
            for (double e = 1; e <= 512; e *= 2) {
                if (keepExperts.test(e)) {
                    double noise = sigma * Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                            * Math.cos(2 * Math.PI * random.nextDouble());
                    rows.add(new double[] {n, 1.3e11, 6 * n * 1.3e11, law.loss(n, 1.3e11, e) * Math.exp(noise), e});
                }
            }
        }
        double[][] columns = new double[5][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 5; c++) {
                columns[c][i] = rows.get(i)[c];
            }
        }
        return new FitData(columns[0], columns[1], columns[2], columns[3], columns[4]);
    }

    @Test
    void recoversKnownCoefficientsWithinTheirBootstrapIntervals() {
        FitData data = routedRuns(TRUTH, e -> true, 0.01, 11);

        Fit fit = assertFit(fitter.fit(MOE, data, FitOptions.defaults().withConfidenceLevel(0.95).withSeed(3)));

        double[] truth = {TRUTH.a(), TRUTH.b(), TRUTH.c(), TRUTH.d()};
        List<String> names = List.of("a", "b", "c", "d");
        assertThat(fit.parameters().keySet()).containsExactlyElementsOf(names);
        for (int j = 0; j < truth.length; j++) {
            Estimate estimate = fit.parameters().get(names.get(j));
            assertThat(truth[j]).as(names.get(j) + " " + estimate).isBetween(estimate.lower(), estimate.upper());
            // d trades off against a (log N ≈ 17–21), so its interval is the widest.
            assertThat(estimate.upper() - estimate.lower()).as(names.get(j)).isLessThan(j == 3 ? 0.3 : 0.05);
        }
        assertThat(fit.derived().get("expertsStart").estimate()).isEqualTo(MoeForm.EXPERTS_START);
        assertThat(fit.quality().rmseLogLoss()).isCloseTo(0.01, within(0.003));
    }

    @Test
    void fittedOnUpToSixteenExpertsPredictsUpToFiveHundredAndTwelve() {
        Fit fit = assertFit(fitter.fit(MOE, routedRuns(TRUTH, e -> e <= 16, 0.01, 5),
                FitOptions.defaults().withBootstrap(50).withHoldoutFraction(0)));

        double worst = 0;
        double sum = 0;
        int count = 0;
        for (double n = 1.5e7; n <= 1.3e9; n *= 2.4) {
            for (double e : new double[] {64, 128, 256, 512}) {
                double predicted = fit.predict(n, 1.3e11, e, Band.CONFIDENCE).estimate();
                double error = Math.abs(predicted / TRUTH.loss(n, 1.3e11, e) - 1);
                worst = Math.max(worst, error);
                sum += error;
                count++;
            }
        }
        System.out.printf("moe held-out experts 64-512 (fit on E <= 16): mean relative error %.4f, max %.4f%n",
                sum / count, worst);
        assertThat(sum / count).isLessThan(0.02);
        assertThat(worst).isLessThan(0.04);
    }

    @Test
    void effectiveParameterCountOfADenseModelIsItsSizeAndGrowsWithExperts() {
        assertThat(TRUTH.effectiveParameters(1e9, 1)).isCloseTo(1e9, within(1e3));
        double eight = TRUTH.effectiveParameters(1e9, 8);
        double sixtyFour = TRUTH.effectiveParameters(1e9, 64);
        assertThat(eight).isGreaterThan(1e9);
        assertThat(sixtyFour).isGreaterThan(eight);
        // The dense model of that size has the same loss (the definition of Clark et al.'s §5).
        assertThat(TRUTH.loss(eight, 1, 1)).isCloseTo(TRUTH.loss(1e9, 1, 8), within(1e-9));
    }

    @Test
    void saturatedExpertCountIsEStartForADenseModelAndApproachesEMax() {
        assertThat(Math.exp(MoeLaw.logSaturatedExperts(1, 1.847, 314.883))).isCloseTo(1.847, within(1e-12));
        assertThat(Math.exp(MoeLaw.logSaturatedExperts(1e9, 1.847, 314.883))).isCloseTo(314.883, within(1e-3));
    }

    @Test
    void analyticGradientInExpertsMatchesFiniteDifferencesAndPredictsTheLaw() {
        double[] theta = {TRUTH.a(), TRUTH.b(), TRUTH.c(), TRUTH.d()};
        double logN = Math.log(4e8);
        double logE = Math.log(32);
        double[] gradient = new double[4];
        double value = MOE.logLoss(theta, logN, 0, 0, logE, gradient);
        assertThat(value).isCloseTo(Math.log(TRUTH.loss(4e8, 1, 32)), within(1e-12));
        for (int j = 0; j < 4; j++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[j] += 1e-6;
            down[j] -= 1e-6;
            double numeric = (MOE.logLoss(up, logN, 0, 0, logE, null) - MOE.logLoss(down, logN, 0, 0, logE, null)) / 2e-6;
            assertThat(gradient[j]).isCloseTo(numeric, within(1e-6));
        }
    }

    @Test
    void needsRoutedRunsBesideDenseOnes() {
        FitOutcome outcome = fitter.fit(MOE, routedRuns(TRUTH, e -> e == 1, 0.01, 1), FitOptions.defaults());

        assertThat(outcome).isInstanceOfSatisfying(FitFailure.class,
                failure -> assertThat(failure.reason()).isEqualTo(FitFailure.Reason.NO_SPREAD));
    }

    @Test
    void aDenseFitRejectsAnExpertCount() {
        Fit dense = assertFit(fitter.fit(LawForms.require("chinchilla"), SyntheticRuns.grid(SyntheticRuns.HOFFMANN,
                6, 5, 0, 1), FitOptions.defaults().withBootstrap(0).withHoldoutFraction(0)));

        assertThat(dense.isRouted()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dense.predict(1e9, 2e10, 8, Band.CONFIDENCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fit the moe form");
    }
}
