package dev.scaleplan.fitting;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LawBacktestTest {

    private final ScalingLawFitter fitter = new ScalingLawFitter();
    private final LawForm chinchilla = LawForms.require("chinchilla");
    private final FitOptions options = FitOptions.defaults().withBootstrap(0).withHoldoutFraction(0);

    @Test
    void refitsFromTheScreenedBasinsReachTheFullGridsOptimumAtEveryCutoff() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.BESIROGLU, 7, 6, 0.01, 11);
        List<Backtest.Point> fromBasins = new LawBacktest(fitter).run(chinchilla, data, options, 0);
        List<Backtest.Point> fromGrid = Backtest.run(data, Backtest.cutoffsAtShares(data.flops(), Backtest.DEFAULT_SHARES),
                runs -> fitter.fit(chinchilla, data.select(runs), options) instanceof Fit fit
                        ? Optional.of(new Backtest.Refitted(fit.law(), fit.estimate(), new double[0][], null))
                        : Optional.empty());
        assertThat(fromBasins).hasSameSizeAs(fromGrid).isNotEmpty();
        for (int k = 0; k < fromGrid.size(); k++) {
            Backtest.Point basin = fromBasins.get(k);
            Backtest.Point grid = fromGrid.get(k);
            assertThat(basin.cutoffFlops()).isEqualTo(grid.cutoffFlops());
            // Same optimum: the predictions of the larger runs agree to well within the noise.
            assertThat(basin.meanRelativeError()).isCloseTo(grid.meanRelativeError(),
                    org.assertj.core.api.Assertions.within(2e-4));
            assertThat(basin.scored()).hasSize(basin.runsPredicted());
        }
    }

    @Test
    void refitsWithDrawsScoreWhetherTheirBootstrapBandsHeld() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.BESIROGLU, 6, 6, 0.01, 5);
        List<Backtest.Point> points = new LawBacktest(fitter).run(chinchilla, data, options, 12);
        assertThat(points).isNotEmpty().allSatisfy(point -> {
            assertThat(point.refitDraws()).isNotEmpty();
            assertThat(point.refitParameters()).hasSize(5);
            assertThat(point.scored()).allSatisfy(run -> {
                assertThat(run.confidenceCovered()).isNotNull();
                assertThat(run.predictionCovered()).isNotNull();
                assertThat(run.distance()).isPositive();
            });
        });
    }

    @Test
    void theRefitsAskTheMonitorAndStopWhenItSaysSo() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.BESIROGLU, 6, 6, 0.01, 5);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        FitMonitor counting = new FitMonitor() {
            @Override
            public Stop stop() {
                asked.incrementAndGet();
                return null;
            }
        };
        List<Backtest.Point> points = new LawBacktest(fitter).run(chinchilla, data, options, 12, counting);
        assertThat(points).isNotEmpty();
        // Screening asks once per start of the grid; each refit asks again between its basins and draws.
        assertThat(asked.get()).isGreaterThan(chinchilla.startingGrid().size() + 12 * points.size());
        assertThat(new LawBacktest(fitter).run(chinchilla, data, options, 12, new FitMonitor() {
            @Override
            public Stop stop() {
                return Stop.TIME_BUDGET;
            }
        })).isEmpty();
    }

    /**
     * A backtest of a data-constrained fit refits and predicts with each run's unique tokens: on runs from
     * Muennighoff et al.'s law (1% noise, up to 16 epochs) every cut-off's refit predicts the larger runs within
     * a few times the noise. Seen as fresh data the same runs cannot identify R* and no cut-off is refitted.
     */
    @Test
    void dataConstrainedRefitsAndPredictionsUseTheRunsUniqueTokens() {
        FitData data = DataConstrainedFormTest.repeatedRuns(DataConstrainedFormTest.TRUTH, epochs -> epochs <= 16,
                0.01, 7);
        LawForm form = LawForms.require("data-constrained");

        List<Backtest.Point> points = new LawBacktest(fitter).run(form, data, options, 0);

        assertThat(points).isNotEmpty().allSatisfy(point -> {
            assertThat(point.meanRelativeError()).isLessThan(0.03);
            assertThat(point.refitParameters()).hasSize(7);
        });
        FitData asFresh = new FitData(data.parameters(), data.tokens(), data.flops(), data.loss(), data.experts());
        assertThat(new LawBacktest(fitter).run(form, asFresh, options, 0)).isEmpty();
    }
}
