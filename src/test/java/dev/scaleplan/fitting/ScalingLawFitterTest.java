package dev.scaleplan.fitting;

import static dev.scaleplan.fitting.FitAssertions.assertFit;
import static dev.scaleplan.fitting.FitAssertions.relativeError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scaleplan.fitting.PowerLaw.Variable;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class ScalingLawFitterTest {

    private static final LawForm CHINCHILLA = LawForms.require("chinchilla");
    private static final FitOptions NO_BOOTSTRAP = FitOptions.defaults().withBootstrap(0).withHoldoutFraction(0);

    private final ScalingLawFitter fitter = new ScalingLawFitter();

    @Test
    void recoversHoffmannsCoefficientsFromNoiselessDataOnTheFullGrid() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 16, 15, 0, 1);

        Fit fit = assertFit(fitter.fit(CHINCHILLA, data, NO_BOOTSTRAP));

        double[] truth = {1.69, 406.4, 410.7, 0.34, 0.28};
        for (int j = 0; j < truth.length; j++) {
            assertThat(relativeError(fit.estimate()[j], truth[j])).as(CHINCHILLA.parameterNames().get(j))
                    .isLessThan(1e-3);
        }
        assertThat(fit.parameters().keySet()).containsExactly("E", "A", "B", "alpha", "beta");
        assertThat(fit.parameters().get("alpha").lower()).isEqualTo(fit.parameters().get("alpha").estimate());
        assertThat(fit.objective()).isLessThan(1e-12);
        assertThat(fit.runsUsed()).isEqualTo(240);
        assertThat(fit.law()).isInstanceOf(ChinchillaLaw.class);
    }

    @Test
    void fullGridReachesAnObjectiveAtLeastAsLowAsScipyLbfgsbOnTheBenchmarkData() {
        // scipy 1.17 L-BFGS-B from the same 4,500 starts, summing scipy.special.huber(1e-3, r): 0.00292518674241292.
        Fit fit = assertFit(fitter.fit(CHINCHILLA, SyntheticRuns.benchmark(), NO_BOOTSTRAP));

        assertThat(fit.objective()).isLessThanOrEqualTo(0.00292518674241292);
    }

    @Test
    void estimatesBesiroglusCorrectedFitFromNoisyData() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.BESIROGLU, 16, 15, 1e8, 2e10, 2e9, 2e12, 0.01, 42);

        Fit fit = assertFit(fitter.fit(CHINCHILLA, data, NO_BOOTSTRAP.withBootstrap(200)));

        System.out.println("Besiroglu et al. truth E=1.8172 A=482.01 B=2085.43 alpha=0.3478 beta=0.3658; fit "
                + fit.parameters());
        assertThat(relativeError(fit.estimate()[0], 1.8172)).isLessThan(0.03);
        assertThat(fit.estimate()[3]).isCloseTo(0.3478, within(0.03));
        assertThat(fit.estimate()[4]).isCloseTo(0.3658, within(0.03));
        assertThat(fit.derived().get("a").estimate()).isCloseTo(0.3658 / (0.3478 + 0.3658), within(0.03));
        Estimate beta = fit.parameters().get("beta");
        assertThat(beta.lower()).isLessThan(beta.upper());
        assertThat(fit.bootstrapSize()).isEqualTo(200);
        assertThat(fit.quality().rmseLogLoss()).isCloseTo(0.01, within(0.002));
    }

    @Test
    void recoversKaplansLaw() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.KAPLAN, 12, 10, 1e6, 1e10, 1e8, 1e11, 0, 3);

        Fit fit = assertFit(fitter.fit(LawForms.require("kaplan"), data, NO_BOOTSTRAP));

        double[] truth = {8.8e13, 5.4e13, 0.076, 0.095};
        for (int j = 0; j < truth.length; j++) {
            assertThat(relativeError(fit.estimate()[j], truth[j])).as("kaplan " + j).isLessThan(1e-3);
        }
        assertThat(fit.derived()).containsKey("alphaRatio");
        assertThat(fit.law()).isInstanceOf(KaplanLaw.class);
    }

    @Test
    void recoversEachPowerLaw() {
        for (Variable variable : Variable.values()) {
            PowerLaw truth = new PowerLaw(variable, 1.8, variable == Variable.FLOPS ? 2500 : 400, 
                    variable == Variable.FLOPS ? 0.15 : 0.3, 6);
            FitData data = SyntheticRuns.grid(truth, 10, 8, 0, 5);
            LawForm form = LawForms.require("power-law-" + variable.name().toLowerCase(java.util.Locale.ROOT));

            Fit fit = assertFit(fitter.fit(form, data, NO_BOOTSTRAP));

            assertThat(relativeError(fit.estimate()[0], truth.irreducibleLoss())).as(form.id()).isLessThan(1e-3);
            assertThat(relativeError(fit.estimate()[1], truth.coefficient())).as(form.id()).isLessThan(1e-3);
            assertThat(relativeError(fit.estimate()[2], truth.alpha())).as(form.id()).isLessThan(1e-3);
            assertThat(fit.law().allocatesCompute()).isFalse();
        }
    }

    @Test
    void squaredObjectiveIsOrdinaryLeastSquaresAndHuberResistsAnOutlier() {
        FitData clean = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 8, 8, 0.005, 9);
        double[] loss = clean.loss();
        loss[63] *= 1.5;
        FitData withOutlier = new FitData(clean.parameters(), clean.tokens(), clean.flops(), loss);

        Fit huber = assertFit(fitter.fit(CHINCHILLA, withOutlier, NO_BOOTSTRAP));
        Fit squared = assertFit(fitter.fit(CHINCHILLA, withOutlier, NO_BOOTSTRAP.withObjective(Objective.SQUARED)));

        assertThat(huber.objectiveType()).isEqualTo(Objective.HUBER);
        assertThat(squared.objectiveType()).isEqualTo(Objective.SQUARED);
        double halfSumOfSquares = 0;
        for (double residual : squared.residuals()) {
            halfSumOfSquares += 0.5 * residual * residual;
        }
        assertThat(squared.objective()).isCloseTo(halfSumOfSquares, within(1e-12));
        double huberError = Math.abs(huber.estimate()[3] - 0.34) + Math.abs(huber.estimate()[4] - 0.28);
        double squaredError = Math.abs(squared.estimate()[3] - 0.34) + Math.abs(squared.estimate()[4] - 0.28);
        assertThat(huberError).isLessThan(squaredError);
    }

    @Test
    void holdoutRefitsWithoutTheLargestComputeRunsAndMeasuresTheirError() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 10, 8, 0.01, 13);

        Fit fit = assertFit(fitter.fit(CHINCHILLA, data, NO_BOOTSTRAP.withHoldoutFraction(0.1)));

        Holdout holdout = fit.holdout();
        assertThat(holdout).isNotNull();
        assertThat(holdout.runsHeldOut()).isEqualTo(8);
        double[] flops = data.flops().clone();
        java.util.Arrays.sort(flops);
        assertThat(holdout.flopsThreshold()).isEqualTo(flops[flops.length - 8]);
        assertThat(holdout.rmseLogLoss()).isBetween(0.0, 0.1);
        assertThat(holdout.meanAbsoluteRelativeError()).isBetween(0.0, 0.1);
        assertThat(assertFit(fitter.fit(CHINCHILLA, data, NO_BOOTSTRAP)).holdout()).isNull();
    }

    @Test
    void predictionBandIsWiderThanConfidenceBand() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 10, 8, 0.02, 17);
        Fit fit = assertFit(fitter.fit(CHINCHILLA, data, NO_BOOTSTRAP.withBootstrap(100)));

        Estimate confidence = fit.predict(7e10, 1.4e12, Band.CONFIDENCE);
        Estimate prediction = fit.predict(7e10, 1.4e12, Band.PREDICTION);

        assertThat(confidence.lower()).isLessThan(confidence.upper());
        assertThat(prediction.upper() - prediction.lower()).isGreaterThan(confidence.upper() - confidence.lower());
        assertThat(prediction.estimate()).isEqualTo(confidence.estimate());
        assertThat(prediction.estimate()).isEqualTo(fit.law().loss(7e10, 1.4e12));
        assertThat(fit.predict(7e10, 1.4e12, Band.PREDICTION)).isEqualTo(prediction);
    }

    @Test
    void derivedQuantitiesCarryBootstrapIntervals() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 10, 8, 0.01, 19);
        Fit fit = assertFit(fitter.fit(CHINCHILLA, data, NO_BOOTSTRAP.withBootstrap(100)));

        assertThat(fit.derived().keySet()).containsExactly("a", "b", "G", "optimalParameters", "optimalTokens",
                LawForms.OPTIMAL_TOKENS_PER_PARAMETER);
        assertThat(fit.derived().get("a").estimate() + fit.derived().get("b").estimate()).isCloseTo(1, within(1e-12));
        Estimate ratio = fit.derived().get(LawForms.OPTIMAL_TOKENS_PER_PARAMETER);
        assertThat(ratio.lower()).isLessThan(ratio.upper());
        Estimate bandOfA = fit.band(law -> ((ChinchillaLaw) law).beta()
                / (((ChinchillaLaw) law).alpha() + ((ChinchillaLaw) law).beta()));
        assertThat(bandOfA).isEqualTo(fit.derived().get("a"));
    }

    @Test
    void bootstrapIsReproducibleWhateverTheParallelism() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.BESIROGLU, 8, 8, 0.02, 23);
        FitOptions options = NO_BOOTSTRAP.withBootstrap(60).withSeed(99);
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            Fit parallel = assertFit(fitter.fit(CHINCHILLA, data, options));
            Fit sequential = assertFit(new ScalingLawFitter(single).fit(CHINCHILLA, data, options));
            assertThat(sequential).isEqualTo(parallel);
            Fit otherSeed = assertFit(fitter.fit(CHINCHILLA, data, options.withSeed(100)));
            assertThat(java.util.Arrays.deepEquals(otherSeed.draws(), parallel.draws())).isFalse();
        } finally {
            single.shutdown();
        }
    }

    @Test
    void fitIsRebuiltFromItsStoredNumbers() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 8, 8, 0.01, 29);
        Fit fit = assertFit(fitter.fit(CHINCHILLA, data, NO_BOOTSTRAP.withBootstrap(20).withHoldoutFraction(0.1)));

        Fit rebuilt = new Fit(fit.form(), fit.parameters(), fit.derived(), fit.objective(), fit.objectiveType(),
                fit.huberDelta(), fit.runsUsed(), fit.ranges(), fit.quality(), fit.holdout(), fit.bootstrapSize(),
                fit.confidenceLevel(), fit.estimate(), fit.draws(), fit.residuals(), fit.seed(), fit.flopsPerToken(),
                fit.bootstrapMethod());

        assertThat(rebuilt).isEqualTo(fit);
        assertThat(rebuilt.predict(1e11, 2e12, Band.PREDICTION)).isEqualTo(fit.predict(1e11, 2e12, Band.PREDICTION));
        assertThat(rebuilt.drawLaws()).hasSize(20);
    }

    @Test
    void fitFromGivenStartsReachesTheSameOptimum() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 8, 8, 0, 31);

        Fit fit = assertFit(fitter.fitFrom(CHINCHILLA, data, NO_BOOTSTRAP,
                java.util.List.of(new double[] {2, 300, 300, 0.3, 0.3})));

        assertThat(relativeError(fit.estimate()[1], 406.4)).isLessThan(1e-3);
    }
}
