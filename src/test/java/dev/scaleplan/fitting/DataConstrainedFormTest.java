package dev.scaleplan.fitting;

import static dev.scaleplan.fitting.FitAssertions.assertAllFinite;
import static dev.scaleplan.fitting.FitAssertions.assertFit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/** Muennighoff et al. 2023's data-constrained law, fitted on runs drawn from it with known R*_D and R*_N. */
class DataConstrainedFormTest {

    /** Muennighoff et al. 2023's fitted law (their Appendix: E, A, B, α, β with R*_D = 15.4, R*_N = 5.3). */
    static final DataConstrainedLaw TRUTH = new DataConstrainedLaw(new ChinchillaLaw(1.87, 521, 1488, 0.353, 0.353),
            15.4, 5.3);

    private static final LawForm FORM = LawForms.require("data-constrained");
    private final ScalingLawFitter fitter = new ScalingLawFitter();

    /**
     * Eight sizes from 1e7 to 1e9 on three unique-data budgets (1e8, 1e9, 1e10 tokens) at 1 to 64 epochs (the
     * epochs kept by {@code keepEpochs}), with log-normal noise σ: most models are larger than the compute-optimal
     * size for the smaller budgets, so both R* leave their mark.
     */
    static FitData repeatedRuns(DataConstrainedLaw law, DoublePredicate keepEpochs, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            double n = 1e7 * Math.pow(100, s / 7.0);
            for (double unique : new double[] {1e8, 1e9, 1e10}) {
                for (double epochs = 1; epochs <= 64; epochs *= 2) {
                    if (keepEpochs.test(epochs)) {
                        double d = unique * epochs;
                        double noise = sigma * Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                                * Math.cos(2 * Math.PI * random.nextDouble());
                        rows.add(new double[] {n, d, 6 * n * d, law.loss(n, d, unique) * Math.exp(noise), 1, unique});
                    }
                }
            }
        }
        double[][] columns = new double[6][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 6; c++) {
                columns[c][i] = rows.get(i)[c];
            }
        }
        return new FitData(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]);
    }

    @Test
    void analyticGradientMatchesCentralDifferences() {
        double[] theta = FORM.toInternal(new double[] {1.9, 480, 1600, 0.34, 0.37, 12, 4});
        double[][] runs = {{1e7, 1e9, 1e10}, {1e9, 6.4e9, 1e8}, {3e8, 4e9, 1e9}, {1e8, 2e9, 2e9}, {2e9, 1e12, 1e9}};
        for (double[] run : runs) {
            double[] gradient = new double[7];
            double logN = Math.log(run[0]);
            double logD = Math.log(run[1]);
            double logU = Math.log(run[2]);
            FORM.logLoss(theta, logN, logD, 0, 0, logU, gradient);
            for (int k = 0; k < 7; k++) {
                double h = 1e-6;
                double[] up = theta.clone();
                double[] down = theta.clone();
                up[k] += h;
                down[k] -= h;
                double numeric = (FORM.logLoss(up, logN, logD, 0, 0, logU, null)
                        - FORM.logLoss(down, logN, logD, 0, 0, logU, null)) / (2 * h);
                assertThat(gradient[k]).as("parameter %d at %s", k, java.util.Arrays.toString(run))
                        .isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void freshDataAndModelsTheDataCanUseGiveHoffmannsLaw() {
        ChinchillaLaw base = TRUTH.base();
        double fresh = 1e11;
        double small = TRUTH.baseParameters(fresh) / 2;
        assertThat(TRUTH.loss(small, fresh, 1e12)).isCloseTo(base.loss(small, fresh), within(1e-12));
        assertThat(TRUTH.loss(small, 4e11, 1e11)).isGreaterThan(base.loss(small, 4e11));
        assertThat(TRUTH.loss(small * 100, fresh, fresh)).isGreaterThan(base.loss(small * 100, fresh));
        // Eq. 5: D' saturates at U·(1 + R*_D).
        assertThat(TRUTH.effectiveTokens(1e20, 1e9)).isCloseTo(1e9 * (1 + 15.4), within(1e3));
    }

    @Test
    void recoversBothRStarsWithinTheirIntervalsAndPredictsHeldOutHighEpochRuns() {
        FitData training = repeatedRuns(TRUTH, epochs -> epochs <= 16, 0.01, 7);

        Fit fit = assertFit(fitter.fit(FORM, training,
                FitOptions.defaults().withBootstrap(100).withConfidenceLevel(0.95).withSeed(5)));

        assertAllFinite(fit);
        assertThat(fit.parameters().keySet())
                .containsExactly("E", "A", "B", "alpha", "beta", "rStarD", "rStarN");
        Estimate rStarD = fit.parameters().get("rStarD");
        Estimate rStarN = fit.parameters().get("rStarN");
        System.out.printf("data-constrained fit: R*_D %s, R*_N %s, E %s%n", rStarD, rStarN, fit.parameters().get("E"));
        assertThat(TRUTH.rStarD()).as("R*_D %s", rStarD).isBetween(rStarD.lower(), rStarD.upper());
        assertThat(TRUTH.rStarN()).as("R*_N %s", rStarN).isBetween(rStarN.lower(), rStarN.upper());
        assertThat(rStarD.upper() / rStarD.lower()).isLessThan(3);
        assertThat(fit.quality().rmseLogLoss()).isCloseTo(0.01, within(0.003));

        FitData heldOut = repeatedRuns(TRUTH, epochs -> epochs > 16, 0.01, 8);
        FitLaws laws = fit.laws();
        double[] n = heldOut.parameters();
        double[] d = heldOut.tokens();
        double[] u = heldOut.uniqueTokens();
        double[] observed = heldOut.loss();
        double squares = 0;
        int inside = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            int run = i;
            Estimate band = laws.predict(law -> ((RepeatedDataLaw) law).loss(n[run], d[run], u[run]), Band.PREDICTION);
            double logError = Math.log(band.estimate() / observed[i]);
            squares += logError * logError;
            if (observed[i] >= band.lower() && observed[i] <= band.upper()) {
                inside++;
            }
        }
        double rmse = Math.sqrt(squares / heldOut.size());
        System.out.printf("held-out 32-64 epochs: RMSE of log loss %.4f, %d of %d inside the 95%% band%n", rmse,
                inside, heldOut.size());
        assertThat(rmse).as("within the noise σ = 0.01").isLessThan(0.015);
        assertThat((double) inside / heldOut.size()).isGreaterThan(0.85);
    }

    @Test
    void refusesRunsThatNeverRepeatTheirData() {
        FitData fresh = repeatedRuns(TRUTH, epochs -> epochs == 1, 0.01, 3);

        FitOutcome outcome = fitter.fit(FORM, fresh, FitOptions.defaults().withBootstrap(0));

        assertThat(outcome).isInstanceOfSatisfying(FitFailure.class, failure -> {
            assertThat(failure.reason()).isEqualTo(FitFailure.Reason.NOT_IDENTIFIABLE);
            assertThat(failure.message()).contains("0 of the 24 runs repeat their data");
        });
    }

    @Test
    void warnsThatRStarDIsPoorlyDeterminedWithoutRunsPastFourEpochs() {
        FitData upToFour = repeatedRuns(TRUTH, epochs -> epochs <= 4, 0.02, 9);

        Fit fit = assertFit(fitter.fit(FORM, upToFour, FitOptions.defaults().withBootstrap(40).withHoldoutFraction(0)));

        assertThat(RepeatedRuns.warnings(fit, upToFour))
                .anySatisfy(warning -> assertThat(warning).startsWith("Only 0 of the 72 runs go past 4 epochs"));
    }
}
