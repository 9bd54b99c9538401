package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Simulation check of the bootstrap: over many data sets drawn from a known law with log-normal
 * noise, the 90% percentile intervals should contain the true parameter about 90% of the time.
 * Each data set is fitted from a few generic starts (for Chinchilla's form, Hoffmann et al.'s
 * published values among them; never the truth) rather than the full grid, to keep the suite fast;
 * the grid is exercised elsewhere.
 */
class BootstrapCoverageTest {

    private static final double LEVEL = 0.9;
    private final ScalingLawFitter fitter = new ScalingLawFitter();

    @Test
    void chinchillaIntervalsCoverTheTruthAtTheirNominalLevel() {
        ChinchillaLaw truth = SyntheticRuns.BESIROGLU;
        double[] natural = {truth.irreducibleLoss(), truth.parameterCoefficient(), truth.tokenCoefficient(),
                truth.alpha(), truth.beta()};
        List<double[]> starts = List.of(new double[] {1.69, 406.4, 410.7, 0.34, 0.28},
                new double[] {2, 300, 300, 0.3, 0.3}, new double[] {1.5, 1000, 1000, 0.4, 0.4});
        double[] coverage = coverage(LawForms.require("chinchilla"), natural, starts, 200, 100, fit -> { },
                seed -> SyntheticRuns.grid(truth, 8, 8, 1e8, 2e10, 2e9, 2e12, 0.02, seed));

        assertCoverage("chinchilla", LawForms.require("chinchilla"), coverage, 0.8);
    }

    /**
     * From {@value Bootstrap#ONE_STEP_FROM} runs on, the draws are one-step estimates; they too must
     * cover. 40 sweeps of 12,000 runs (σ = 0.015 in log loss, 1% outliers), 200 draws each.
     */
    @Test
    void oneStepIntervalsOfLargeSweepsCoverTheTruthAtTheirNominalLevel() {
        ChinchillaLaw truth = SyntheticRuns.BESIROGLU;
        double[] natural = {truth.irreducibleLoss(), truth.parameterCoefficient(), truth.tokenCoefficient(),
                truth.alpha(), truth.beta()};
        List<double[]> starts = List.of(new double[] {1.69, 406.4, 410.7, 0.34, 0.28},
                new double[] {2, 300, 3000, 0.3, 0.4});
        java.util.concurrent.atomic.AtomicInteger oneStep = new java.util.concurrent.atomic.AtomicInteger();
        double[] coverage = coverage(LawForms.require("chinchilla"), natural, starts, 40, 200, fit -> {
            if (fit.bootstrapMethod().kind() == BootstrapMethod.Kind.ONE_STEP) {
                oneStep.incrementAndGet();
            }
        }, seed -> SyntheticRuns.scattered(truth, 12_000, 0.015, 0.01, seed));

        assertThat(oneStep.get()).as("fits whose draws were one-step").isGreaterThanOrEqualTo(36);
        assertCoverage("chinchilla, 12,000 runs, one-step draws", LawForms.require("chinchilla"), coverage, 0.775);
    }

    @Test
    void kaplanIntervalsCoverTheTruthAtTheirNominalLevel() {
        KaplanLaw truth = SyntheticRuns.KAPLAN;
        double[] natural = {truth.criticalParameters(), truth.criticalTokens(), truth.alphaN(), truth.alphaD()};
        List<double[]> starts = List.of(new double[] {1e13, 1e13, 0.1, 0.1}, new double[] {1e15, 1e15, 0.05, 0.05});
        double[] coverage = coverage(LawForms.require("kaplan"), natural, starts, 200, 100, fit -> { },
                seed -> SyntheticRuns.grid(truth, 8, 8, 1e6, 1e10, 1e8, 1e11, 0.02, seed));

        assertCoverage("kaplan", LawForms.require("kaplan"), coverage, 0.8);
    }

    private double[] coverage(LawForm form, double[] truth, List<double[]> starts, int dataSets, int draws,
                              java.util.function.Consumer<Fit> inspect,
                              java.util.function.LongFunction<FitData> simulate) {
        int[] covered = new int[truth.length];
        int fitted = 0;
        for (int set = 0; set < dataSets; set++) {
            FitOptions options = FitOptions.defaults().withBootstrap(draws).withHoldoutFraction(0).withSeed(set)
                    .withConfidenceLevel(LEVEL);
            FitOutcome outcome = fitter.fitFrom(form, simulate.apply(1000 + set), options, starts);
            if (!(outcome instanceof Fit fit)) {
                continue;
            }
            fitted++;
            inspect.accept(fit);
            for (int j = 0; j < truth.length; j++) {
                Estimate estimate = fit.parameters().get(form.parameterNames().get(j));
                if (estimate.lower() <= truth[j] && truth[j] <= estimate.upper()) {
                    covered[j]++;
                }
            }
        }
        assertThat(fitted).isEqualTo(dataSets);
        double[] coverage = new double[truth.length];
        for (int j = 0; j < truth.length; j++) {
            coverage[j] = covered[j] / (double) fitted;
        }
        return coverage;
    }

    private static void assertCoverage(String name, LawForm form, double[] coverage, double atLeast) {
        StringBuilder report = new StringBuilder("Coverage of " + (int) (LEVEL * 100) + "% intervals, " + name + ":");
        for (int j = 0; j < coverage.length; j++) {
            report.append(String.format(Locale.ROOT, " %s=%.3f", form.parameterNames().get(j), coverage[j]));
        }
        System.out.println(report);
        for (int j = 0; j < coverage.length; j++) {
            assertThat(coverage[j]).as(report.toString()).isBetween(atLeast, 0.97);
        }
    }
}
