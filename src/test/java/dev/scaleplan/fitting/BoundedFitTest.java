package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scaleplan.fitting.FitFailure.Reason;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.junit.jupiter.api.Test;

/** Parameters stay in their domains, unidentifiable data is refused, and ill-conditioned fits say so. */
class BoundedFitTest {

    private static final LawForm CHINCHILLA = LawForms.require("chinchilla");
    private static final FitOptions OPTIONS = FitOptions.defaults().withBootstrap(20).withHoldoutFraction(0);
    private final ScalingLawFitter fitter = new ScalingLawFitter();

    /**
     * The routed-model runs: token counts all within 0.4% of each other. Unbounded and unchecked,
     * this gave β = −0.20, E = 0 and "successful" bootstrap draws.
     */
    @Test
    void tokenCountsWithinFourTenthsOfAPercentAreNotIdentifiable() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 30;
        double[] parameters = new double[n];
        double[] tokens = new double[n];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = 1e8 * Math.pow(100, i / (n - 1.0));
            tokens[i] = 2e10 * (1 + 0.004 * random.nextDouble());
            loss[i] = SyntheticRuns.BESIROGLU.loss(parameters[i], tokens[i]) * Math.exp(0.01 * (random.nextDouble() - 0.5));
        }

        FitOutcome outcome = fitter.fit(CHINCHILLA, FitData.withEstimatedFlops(parameters, tokens, loss, 6), OPTIONS);

        assertThat(outcome).isInstanceOfSatisfying(FitFailure.class, failure -> {
            assertThat(failure.reason()).isEqualTo(Reason.NOT_IDENTIFIABLE);
            assertThat(failure.message()).contains("token count D spans only 1.00").contains("at least 2×");
            assertThat(failure.details()).containsEntry("variable", "D");
            assertThat((double) failure.details().get("spread")).isBetween(1.0, 1.004);
        });
    }

    @Test
    void aParameterCountSpanningLessThanTwiceIsNotIdentifiableEither() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 5, 6, 1e9, 1.8e9, 1e9, 1e12, 0.005, 3);

        FitFailure failure = (FitFailure) fitter.fit(CHINCHILLA, data, OPTIONS);

        assertThat(failure.reason()).isEqualTo(Reason.NOT_IDENTIFIABLE);
        assertThat(failure.details()).containsEntry("variable", "N");
        assertThat((double) failure.details().get("spread")).isCloseTo(1.8, within(1e-9));
        assertThat(fitter.fit(LawForms.require("power-law-tokens"), data, OPTIONS)).isInstanceOf(Fit.class);
    }

    /**
     * Loss that grows slightly with D: the unconstrained optimum has β < 0. The fit keeps β ≥ 0,
     * in the best fit and in every bootstrap draw (it ends at a bound of [0, 10]), and warns that β is at a bound.
     */
    @Test
    void exponentsStayNonNegativeAndABoundIsReported() {
        int sizes = 6;
        int counts = 6;
        double[] parameters = new double[sizes * counts];
        double[] tokens = new double[sizes * counts];
        double[] loss = new double[sizes * counts];
        SplittableRandom random = new SplittableRandom(9);
        for (int s = 0; s < sizes; s++) {
            for (int t = 0; t < counts; t++) {
                int i = s * counts + t;
                parameters[i] = 1e8 * Math.pow(10, s * 2.0 / (sizes - 1));
                tokens[i] = 1e9 * Math.pow(10, t * 2.0 / (counts - 1));
                loss[i] = (1.7 + 400 / Math.pow(parameters[i], 0.34) + 0.05 * Math.pow(tokens[i] / 1e9, 0.1))
                        * Math.exp(0.002 * (random.nextDouble() - 0.5));
            }
        }

        Fit fit = FitAssertions.assertFit(fitter.fit(CHINCHILLA, FitData.withEstimatedFlops(parameters, tokens, loss, 6),
                OPTIONS));

        assertThat(fit.estimate()[4]).isBetween(0.0, ParameterDomains.MAX_EXPONENT);
        assertThat(fit.estimate()[3]).isGreaterThan(0);
        for (double[] draw : fit.draws()) {
            assertThat(draw[3]).isGreaterThanOrEqualTo(0);
            assertThat(draw[4]).isGreaterThanOrEqualTo(0);
        }
        assertThat(FitDiagnostics.warnings(fit, 20)).anySatisfy(warning ->
                assertThat(warning).startsWith("beta = ").contains("bound of its domain"));
    }

    @Test
    void aHealthyFitHasNoWarnings() {
        Fit fit = FitAssertions.assertFit(fitter.fit(CHINCHILLA,
                SyntheticRuns.grid(SyntheticRuns.BESIROGLU, 8, 6, 1e8, 2e10, 2e9, 2e12, 0.01, 42), OPTIONS));

        assertThat(FitDiagnostics.warnings(fit, 20)).isEmpty();
    }

    @Test
    void failedBootstrapRefitsAndWideIntervalsAreWarnedAbout() {
        assertThat(FitDiagnostics.bootstrapFailures(200, 200)).isEmpty();
        assertThat(FitDiagnostics.bootstrapFailures(0, 0)).isEmpty();
        assertThat(FitDiagnostics.bootstrapFailures(200, 150)).hasValueSatisfying(warning ->
                assertThat(warning).startsWith("50 of 200 bootstrap refits failed (25%)"));
        assertThat(FitDiagnostics.bootstrapFailures(20, 0)).hasValueSatisfying(warning ->
                assertThat(warning).contains("no intervals"));
        assertThat(FitDiagnostics.wideIntervals(java.util.Map.of("A", new Estimate(500, 10, 5e4))))
                .singleElement().asString().contains("more than two orders of magnitude");
        assertThat(FitDiagnostics.wideIntervals(java.util.Map.of("A", new Estimate(500, 300, 900)))).isEmpty();
    }

    @Test
    void everyFormDeclaresBoundsThatItsStartingGridRespects() {
        for (LawForm form : LawForms.all()) {
            double[] lower = form.internalLowerBounds();
            double[] upper = form.internalUpperBounds();
            assertThat(lower).as(form.id()).hasSize(form.parameterCount());
            for (double[] start : form.startingGrid()) {
                for (int j = 0; j < start.length; j++) {
                    assertThat(start[j]).as("%s start %d", form.id(), j).isBetween(lower[j], upper[j]);
                }
            }
        }
    }

    /** The one percentile implementation agrees with Commons Math's R_7 (Hyndman and Fan's type 7). */
    @Test
    void percentilesAreHyndmanAndFansTypeSeven() {
        SplittableRandom random = new SplittableRandom(1);
        Percentile reference = new Percentile().withEstimationType(EstimationType.R_7);
        for (int trial = 0; trial < 50; trial++) {
            double[] sample = random.doubles(1 + random.nextInt(40)).toArray();
            for (double p : List.of(0.0, 0.05, 0.25, 0.5, 0.95, 1.0)) {
                double expected = p == 0 ? java.util.Arrays.stream(sample).min().orElseThrow()
                        : reference.evaluate(sample, p * 100);
                assertThat(Percentiles.of(sample, p)).isCloseTo(expected, within(1e-12));
            }
        }
    }
}
