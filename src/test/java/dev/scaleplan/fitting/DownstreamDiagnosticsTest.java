package dev.scaleplan.fitting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Downstream fits get the diagnostics of loss fits: pinned levels, huge intervals, failed refits. */
class DownstreamDiagnosticsTest {

    private static DownstreamFit fit(DownstreamShape shape, double[] estimate, Map<String, Estimate> parameters,
                                     int draws, boolean bounded) {
        return new DownstreamFit(shape, parameters, estimate, new double[draws][estimate.length], false, bounded, true,
                40, 0.01, 0.9, -0.9, 1e-6, new Range(2.2, 4.0), new Range(0.3, 0.7), 0.95, 1);
    }

    private static Map<String, Estimate> intervals(DownstreamShape shape, double[][] rows) {
        Map<String, Estimate> parameters = new LinkedHashMap<>();
        for (int j = 0; j < rows.length; j++) {
            parameters.put(shape.parameterNames().get(j), new Estimate(rows[j][0], rows[j][1], rows[j][2]));
        }
        return parameters;
    }

    @Test
    void anIntervalOverTwoOrdersOfMagnitudeAndFailedRefitsAreWarnings() {
        // The reported case: an interval from 2e-9 to 2.18, 14 of 200 refits failed.
        DownstreamFit fit = fit(DownstreamShape.EXPONENTIAL, new double[] {0.75, 2.2, 0.9},
                intervals(DownstreamShape.EXPONENTIAL, new double[][] {{0.75, 0.7, 0.8}, {2.2, 2e-9, 2.18}, {0.9, 0.8, 1}}),
                186, true);

        List<String> warnings = DownstreamDiagnostics.warnings(fit, 200);

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("interval of k", "2.00e-09 to 2.18", "two orders of magnitude");
        assertThat(warnings.get(1)).contains("14 of 200 bootstrap refits failed");
    }

    @Test
    void aNegativeScaleIsJudgedByItsMagnitudeAndAnIntervalAcrossZeroIsAWarning() {
        DownstreamFit fit = fit(DownstreamShape.SIGMOID, new double[] {0.25, 0.8, 3, 4},
                intervals(DownstreamShape.SIGMOID, new double[][] {{0.25, 0.2, 0.3}, {0.8, 0.7, 0.9}, {3, 2.9, 3.1},
                        {-4, -500, -2}}), 100, true);
        assertThat(DownstreamDiagnostics.warnings(fit, 100)).singleElement().asString()
                .contains("interval of slope, -500 to -2.00");

        DownstreamFit across = fit(DownstreamShape.SIGMOID, new double[] {0.25, 0.8, 3, 4},
                intervals(DownstreamShape.SIGMOID, new double[][] {{0.25, 0.2, 0.3}, {0.8, 0.7, 0.9}, {3, 2.9, 3.1},
                        {-4, -6, 1}}), 100, true);
        assertThat(DownstreamDiagnostics.warnings(across, 100)).singleElement().asString().contains("spans zero");
    }

    @Test
    void aLevelPinnedAtTheEdgeOfZeroToOneIsAWarning() {
        DownstreamFit fit = fit(DownstreamShape.EXPONENTIAL, new double[] {1.0, 2.2, 0.9},
                intervals(DownstreamShape.EXPONENTIAL, new double[][] {{1, 0.99, 1}, {2.2, 2, 2.4}, {0.9, 0.8, 1}}),
                50, true);
        assertThat(DownstreamDiagnostics.warnings(fit, 50)).singleElement().asString()
                .contains("epsilon = 1.000 is at the upper edge");
    }

    @Test
    void noBootstrapAskedIsNoWarningAndAllFailedSaysSo() {
        DownstreamFit none = fit(DownstreamShape.EXPONENTIAL, new double[] {0.75, 2.2, 0.9},
                intervals(DownstreamShape.EXPONENTIAL, new double[][] {{0.75, Double.NaN, Double.NaN},
                        {2.2, Double.NaN, Double.NaN}, {0.9, Double.NaN, Double.NaN}}), 0, true);
        assertThat(DownstreamDiagnostics.warnings(none, 0)).isEmpty();
        assertThat(DownstreamDiagnostics.warnings(none, 30)).singleElement().asString()
                .contains("None of the 30 bootstrap refits converged");
    }

    @Test
    void aWellDeterminedFitFromItsLawHasNoWarningsAndAFewNoisyRunsHaveSome() {
        DownstreamFitter fitter = new DownstreamFitter();
        double[][] clean = runs(40, 0.005, 3);
        DownstreamFit good = (DownstreamFit) fitter.fit(DownstreamShape.EXPONENTIAL, clean[0], clean[1], 100, 0.95, 1);
        assertThat(DownstreamDiagnostics.warnings(good, 100)).isEmpty();

        double[][] noisy = runs(7, 0.04, 5);
        DownstreamFit poor = (DownstreamFit) fitter.fit(DownstreamShape.SIGMOID, noisy[0], noisy[1], 100, 0.95, 1);
        assertThat(DownstreamDiagnostics.warnings(poor, 100)).isNotEmpty();
    }

    /** Gadre et al.-like accuracy (error ceiling 0.75, k = 2.2, γ = 0.9) over losses 2.2–4.0 with noise σ. */
    private static double[][] runs(int n, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] loss = new double[n];
        double[] metric = new double[n];
        for (int i = 0; i < n; i++) {
            loss[i] = 2.2 + 1.8 * i / (n - 1);
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            metric[i] = 1 - (0.75 - 2.2 * Math.exp(-0.9 * loss[i])) + sigma * z;
        }
        return new double[][] {loss, metric};
    }
}
