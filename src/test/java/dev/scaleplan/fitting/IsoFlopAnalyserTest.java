package dev.scaleplan.fitting;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IsoFlopAnalyserTest {

    private static final ChinchillaLaw LAW = SyntheticRuns.BESIROGLU;
    private static final double A = LAW.beta() / (LAW.alpha() + LAW.beta());
    private static final double B = LAW.alpha() / (LAW.alpha() + LAW.beta());
    private static final double[] BUDGETS = {1e18, 3e18, 1e19, 3e19, 1e20, 3e20, 1e21};

    private final IsoFlopAnalyser analyser = new IsoFlopAnalyser();

    @Test
    void recoversChinchillaExponentsWithinTheirIntervals() {
        IsoFlopData sweep = IsoFlopSweeps.sweep(LAW, BUDGETS, 9, 4, 0.01, 11);
        IsoFlopAnalysis analysis = analyse(sweep, IsoFlopOptions.defaults().withBootstrap(400));

        assertThat(analysis.usableBudgets()).hasSize(BUDGETS.length);
        assertThat(analysis.runsLeftOut()).isEmpty();
        assertContains(analysis.parametersExponent(), A);
        assertContains(analysis.tokensExponent(), B);
        assertThat(analysis.parametersExponent().estimate()).isCloseTo(A, within(0.03));
        assertThat(analysis.parametersExponent().estimate() + analysis.tokensExponent().estimate())
                .isCloseTo(1, within(1e-12));
        assertThat(analysis.bootstrapSize()).isGreaterThan(390);
        assertThat(analysis.lossExponent().estimate()).isNegative();
        for (IsoFlopAnalysis.Budget budget : analysis.budgets()) {
            double truth = IsoFlopSweeps.optimalParameters(LAW, budget.flops());
            assertThat(budget.parametersOptimal().estimate() / truth).isCloseTo(1, within(0.25));
            assertThat(budget.tokensOptimal().estimate())
                    .isCloseTo(budget.flops() / (6 * budget.parametersOptimal().estimate()), within(1e-6 * budget.flops()));
            assertThat(budget.parametersOptimal().lower()).isLessThan(budget.parametersOptimal().upper());
            assertThat(budget.runs()).isEqualTo(9);
        }
    }

    @Test
    void lawOfTheAnalysisHasItsMinimumOnTheFittedFrontier() {
        IsoFlopAnalysis analysis = analyse(IsoFlopSweeps.sweep(LAW, BUDGETS, 9, 4, 0.005, 3),
                IsoFlopOptions.defaults().withBootstrap(0));
        IsoFlopLaw law = analysis.law();
        double flops = 1e22;
        double optimum = law.optimalParameters(flops);
        double atOptimum = law.loss(optimum, flops / (6 * optimum));
        assertThat(atOptimum).isCloseTo(law.optimalLoss(flops), within(1e-12));
        assertThat(law.loss(optimum * 2, flops / (12 * optimum))).isGreaterThan(atOptimum);
        assertThat(law.loss(optimum / 2, flops / (3 * optimum))).isGreaterThan(atOptimum);
        assertThat(analysis.parametersExponent().lower()).isEqualTo(analysis.parametersExponent().upper());
    }

    @Test
    void groupsUntaggedRunsByComputeWithinTenPercentAndReportsStrayRuns() {
        IsoFlopData sweep = IsoFlopSweeps.sweep(LAW, new double[] {1e18, 1e19, 1e20}, 7, 4, 0.005, 5);
        double[] flops = sweep.flops();
        for (int i = 0; i < flops.length; i += 2) {
            flops[i] *= 1.08;
        }
        IsoFlopData jittered = withExtraRun(new IsoFlopData(sweep.runIds(), sweep.parameters(), sweep.tokens(), flops,
                sweep.loss(), new String[flops.length]), 999, 3e18);
        IsoFlopAnalysis analysis = analyse(jittered, IsoFlopOptions.defaults().withBootstrap(20));
        assertThat(analysis.budgets()).hasSize(3).allSatisfy(budget -> assertThat(budget.runs()).isEqualTo(7));
        assertThat(analysis.runsLeftOut()).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo(999);
            assertThat(run.reason()).contains("only 1 run within 10%");
        });
    }

    @Test
    void groupsByBudgetTagWhenRunsCarryOne() {
        IsoFlopData sweep = IsoFlopSweeps.sweep(LAW, new double[] {1e18, 1e19, 1e20}, 6, 4, 0.005, 5);
        String[] tags = new String[sweep.size()];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = "sweep-" + (i / 6);
        }
        IsoFlopData tagged = new IsoFlopData(sweep.runIds(), sweep.parameters(), sweep.tokens(), sweep.flops(),
                sweep.loss(), tags);
        IsoFlopAnalysis analysis = analyse(tagged, IsoFlopOptions.defaults().withBootstrap(20));
        assertThat(analysis.budgets()).extracting(IsoFlopAnalysis.Budget::tag)
                .containsExactly("sweep-0", "sweep-1", "sweep-2");
        assertThat(analysis.budgets().get(1).runIds()).containsExactly(7L, 8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void excludesBudgetWhoseMinimumLiesAboveTheLargestSampledModel() {
        IsoFlopData sweep = IsoFlopSweeps.sweep(LAW, BUDGETS, 7, 3, 0.002, 9);
        double[] parameters = sweep.parameters();
        double[] tokens = sweep.tokens();
        double[] loss = sweep.loss();
        // Budget 1e21 (the last 7 runs): only models 8–25× smaller than its optimum.
        for (int i = sweep.size() - 7; i < sweep.size(); i++) {
            parameters[i] /= 25;
            tokens[i] *= 25;
            loss[i] = LAW.loss(parameters[i], tokens[i]);
        }
        IsoFlopAnalysis analysis = analyse(new IsoFlopData(sweep.runIds(), parameters, tokens, sweep.flops(), loss,
                new String[sweep.size()]), IsoFlopOptions.defaults().withBootstrap(20));
        IsoFlopAnalysis.Budget last = analysis.budgets().get(BUDGETS.length - 1);
        assertThat(last.excluded()).isTrue();
        assertThat(last.reason()).contains("lies above the largest model sampled").contains("add larger models");
        assertThat(last.parametersOptimal()).isNull();
        assertThat(analysis.usableBudgets()).hasSize(BUDGETS.length - 1);
        assertThat(analysis.runsUsed()).isEqualTo(7 * (BUDGETS.length - 1));
    }

    @Test
    void excludesBudgetWhoseLossIsNotConvexInModelSize() {
        IsoFlopData sweep = IsoFlopSweeps.sweep(LAW, new double[] {1e18, 1e19, 1e20, 1e21}, 7, 4, 0.002, 4);
        double[] loss = sweep.loss();
        for (int i = 0; i < 7; i++) {
            loss[i] = 4 - 0.1 * Math.pow(i - 3, 2);
        }
        IsoFlopAnalysis analysis = analyse(new IsoFlopData(sweep.runIds(), sweep.parameters(), sweep.tokens(),
                sweep.flops(), loss, new String[sweep.size()]), IsoFlopOptions.defaults().withBootstrap(20));
        IsoFlopAnalysis.Budget first = analysis.budgets().get(0);
        assertThat(first.excluded()).isTrue();
        assertThat(first.reason()).contains("not convex");
        assertThat(first.curvature()).isNegative();
    }

    @Test
    void failsNamingWhatIsMissingWithFewerThanThreeUsableBudgets() {
        IsoFlopData sweep = IsoFlopSweeps.sweep(LAW, new double[] {1e18, 1e19, 1e20}, 7, 4, 0.002, 4);
        IsoFlopData fewer = sweep.select(java.util.stream.IntStream.range(0, 7 + 7 + 4).toArray());
        IsoFlopOutcome outcome = analyser.analyse(fewer, IsoFlopOptions.defaults());
        assertThat(outcome).isInstanceOf(IsoFlopOutcome.Failure.class);
        IsoFlopOutcome.Failure failure = (IsoFlopOutcome.Failure) outcome;
        assertThat(failure.message()).contains("at least 3 usable budgets").contains("found 2 usable")
                .contains("1.00e+20 FLOPs (only 4 runs; a budget needs at least 5)");
        assertThat(failure.budgets()).hasSize(3);
    }

    @Test
    void failsOnARunGridWithoutEqualComputeBudgets() {
        FitData grid = SyntheticRuns.grid(LAW, 6, 6, 0.01, 1);
        long[] ids = java.util.stream.LongStream.rangeClosed(1, grid.size()).toArray();
        IsoFlopOutcome outcome = analyser.analyse(IsoFlopData.untagged(ids, grid.parameters(), grid.tokens(),
                grid.flops(), grid.loss()), IsoFlopOptions.defaults());
        assertThat(outcome).isInstanceOfSatisfying(IsoFlopOutcome.Failure.class, failure ->
                assertThat(failure.message()).contains("found 0 usable").contains("in no budget"));
    }

    @Test
    void excludesTaggedBudgetWhoseComputeSpreadsBeyondTheTolerance() {
        IsoFlopData sweep = IsoFlopSweeps.sweep(LAW, new double[] {1e18, 1e19, 1e20, 1e21}, 6, 4, 0.002, 4);
        String[] tags = new String[sweep.size()];
        Arrays.fill(tags, 0, 6, "small");
        double[] flops = sweep.flops();
        flops[0] *= 2;
        IsoFlopAnalysis analysis = analyse(new IsoFlopData(sweep.runIds(), sweep.parameters(), sweep.tokens(), flops,
                sweep.loss(), tags), IsoFlopOptions.defaults().withBootstrap(10));
        assertThat(analysis.budgets()).filteredOn(b -> "small".equals(b.tag())).singleElement()
                .satisfies(budget -> assertThat(budget.reason()).contains("spans 2.00×"));
    }

    @Test
    void sameSeedGivesTheSameIntervals() {
        IsoFlopData sweep = IsoFlopSweeps.sweep(LAW, BUDGETS, 9, 4, 0.01, 11);
        IsoFlopOptions options = IsoFlopOptions.defaults().withBootstrap(50).withSeed(7);
        assertThat(analyse(sweep, options)).isEqualTo(analyse(sweep, options));
        assertThat(analyse(sweep, options.withSeed(8)).parametersExponent())
                .isNotEqualTo(analyse(sweep, options).parametersExponent());
    }

    @Test
    void rejectsNonPositiveLoss() {
        IsoFlopData sweep = IsoFlopSweeps.sweep(LAW, BUDGETS, 5, 4, 0.01, 11);
        double[] loss = sweep.loss();
        loss[3] = 0;
        IsoFlopOutcome outcome = analyser.analyse(new IsoFlopData(sweep.runIds(), sweep.parameters(), sweep.tokens(),
                sweep.flops(), loss, new String[sweep.size()]), IsoFlopOptions.defaults());
        assertThat(outcome).isInstanceOfSatisfying(IsoFlopOutcome.Failure.class,
                failure -> assertThat(failure.message()).contains("run 4"));
    }

    private IsoFlopAnalysis analyse(IsoFlopData data, IsoFlopOptions options) {
        IsoFlopOutcome outcome = analyser.analyse(data, options);
        assertThat(outcome).isInstanceOf(IsoFlopAnalysis.class);
        return (IsoFlopAnalysis) outcome;
    }

    private static void assertContains(Estimate estimate, double truth) {
        assertThat(truth).isBetween(estimate.lower(), estimate.upper());
    }

    private static IsoFlopData withExtraRun(IsoFlopData data, long id, double flops) {
        int n = data.size();
        long[] ids = Arrays.copyOf(data.runIds(), n + 1);
        double[] parameters = Arrays.copyOf(data.parameters(), n + 1);
        double[] tokens = Arrays.copyOf(data.tokens(), n + 1);
        double[] c = Arrays.copyOf(data.flops(), n + 1);
        double[] loss = Arrays.copyOf(data.loss(), n + 1);
        ids[n] = id;
        parameters[n] = 1e8;
        tokens[n] = flops / 6e8;
        c[n] = flops;
        loss[n] = LAW.loss(parameters[n], tokens[n]);
        return new IsoFlopData(ids, parameters, tokens, c, loss, new String[n + 1]);
    }
}
