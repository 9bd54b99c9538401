package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaleplan.fitting.RobustLevenbergMarquardt.Result;
import dev.scaleplan.fitting.RobustLevenbergMarquardt.Tolerance;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The one-step (linearised) bootstrap of large data sets against exact refits of the same resamples:
 * it is used only where its check passes, and then its intervals are those of the exact refits.
 */
class OneStepBootstrapTest {

    private static final LawForm CHINCHILLA = LawForms.require("chinchilla");
    /** One thread per core, as the service fits (the common pool has one fewer: a single thread on 2 cores). */
    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    private static final ChinchillaLaw LAW = SyntheticRuns.BESIROGLU;
    private static final double[] TRUTH = {LAW.irreducibleLoss(), LAW.parameterCoefficient(), LAW.tokenCoefficient(),
            LAW.alpha(), LAW.beta()};

    @Test
    void aLargeSweepGetsOneStepDrawsWhoseIntervalsAreTheExactRefits() {
        FitData data = SyntheticRuns.sweep(20_000);
        LogLossProblem problem = LogLossProblem.of(CHINCHILLA, data, Objective.HUBER, 1e-3);
        double[] best = bestFit(problem);

        Bootstrap.Draws oneStep = Bootstrap.draws(problem, data, best, 300, 5, POOL, FitMonitor.NONE);
        Bootstrap.Draws exact = Bootstrap.refits(problem, data, best, 300, 5, POOL, FitMonitor.NONE);

        assertThat(oneStep.method().kind()).isEqualTo(BootstrapMethod.Kind.ONE_STEP);
        assertThat(oneStep.method().checkedDraws()).isEqualTo(Bootstrap.CHECKED_DRAWS);
        assertThat(oneStep.method().maxDeviation()).isBetween(0.0, Bootstrap.MAX_DEVIATION);
        assertThat(oneStep.natural()).hasNumberOfRows(300);
        assertThat(exact.method()).isEqualTo(BootstrapMethod.REFIT);
        for (int k = 0; k < CHINCHILLA.parameterCount(); k++) {
            double[] approximate = Percentiles.interval(column(oneStep.natural(), k), 0.9);
            double[] refitted = Percentiles.interval(column(exact.natural(), k), 0.9);
            double width = refitted[1] - refitted[0];
            String name = CHINCHILLA.parameterNames().get(k);
            String report = String.format(Locale.ROOT, "%s: one-step [%.6g, %.6g], refits [%.6g, %.6g]", name,
                    approximate[0], approximate[1], refitted[0], refitted[1]);
            System.out.println(report);
            assertThat((approximate[1] - approximate[0]) / width).as(report).isBetween(0.9, 1.1);
            assertThat(Math.abs(approximate[0] - refitted[0]) / width).as(report).isLessThan(0.1);
            assertThat(Math.abs(approximate[1] - refitted[1]) / width).as(report).isLessThan(0.1);
        }
    }

    @Test
    void noisyDataWhereTheStepIsNotTheRefitAreRefittedExactly() {
        // σ = 0.1 in log loss with Huber δ = 1e-3 is close to least absolute deviations, whose refits
        // a Newton step from the full-data optimum does not reach at 10,000 runs.
        FitData data = SyntheticRuns.scattered(SyntheticRuns.BESIROGLU, 10_000, 0.1, 0.02, 7);
        LogLossProblem problem = LogLossProblem.of(CHINCHILLA, data, Objective.HUBER, 1e-3);
        double[] best = bestFit(problem);

        Bootstrap.Draws draws = Bootstrap.draws(problem, data, best, 200, 1, POOL, FitMonitor.NONE);
        Bootstrap.Draws exact = Bootstrap.refits(problem, data, best, 200, 1, POOL, FitMonitor.NONE);

        assertThat(draws.method()).isEqualTo(BootstrapMethod.REFIT);
        assertThat(draws.natural()).hasNumberOfRows(200);
        // The checked draws are reused, so the draws are exactly those of refitting every one.
        assertThat(draws.natural()).isDeepEqualTo(exact.natural());
    }

    @Test
    void smallDataSetsAreAlwaysRefitted() {
        FitData data = SyntheticRuns.benchmark();
        LogLossProblem problem = LogLossProblem.of(CHINCHILLA, data, Objective.HUBER, 1e-3);

        Bootstrap.Draws draws = Bootstrap.draws(problem, data, bestFit(problem), 100, 1, POOL, FitMonitor.NONE);

        assertThat(draws.method()).isEqualTo(BootstrapMethod.REFIT);
    }

    @Test
    void theFitReportsHowItsDrawsWereMade() {
        FitOptions options = FitOptions.defaults().withBootstrap(200).withHoldoutFraction(0).withSeed(3);

        Fit large = (Fit) new ScalingLawFitter().fitFrom(CHINCHILLA, SyntheticRuns.sweep(12_000), options,
                java.util.List.of(TRUTH));
        Fit small = (Fit) new ScalingLawFitter().fitFrom(CHINCHILLA, SyntheticRuns.sweep(500), options,
                java.util.List.of(TRUTH));

        assertThat(large.bootstrapMethod().kind()).isEqualTo(BootstrapMethod.Kind.ONE_STEP);
        assertThat(large.bootstrapSize()).isEqualTo(200);
        assertThat(small.bootstrapMethod()).isEqualTo(BootstrapMethod.REFIT);
    }

    private static double[] bestFit(LogLossProblem problem) {
        Result result = RobustLevenbergMarquardt.minimise(problem, CHINCHILLA.toInternal(TRUTH), Tolerance.POLISHING);
        assertThat(result.converged()).isTrue();
        return result.theta();
    }

    private static double[] column(double[][] draws, int k) {
        return Arrays.stream(draws).mapToDouble(draw -> draw[k]).toArray();
    }
}
