package dev.scaleplan.fitting;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BacktestTest {

    private final ScalingLawFitter fitter = new ScalingLawFitter();
    private final LawForm chinchilla = LawForms.require("chinchilla");
    private final FitOptions options = FitOptions.defaults().withBootstrap(0).withHoldoutFraction(0);

    @Test
    void chinchillaRefitsPredictLargerRunsWithinTheNoise() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.BESIROGLU, 8, 8, 0.005, 3);
        List<Backtest.Point> points = Backtest.run(data, Backtest.cutoffsAtShares(data.flops(), 0.6, 0.8),
                runs -> refit(data.select(runs)));
        assertThat(points).hasSize(2);
        for (Backtest.Point point : points) {
            assertThat(point.runsFitted() + point.runsPredicted()).isEqualTo(64);
            assertThat(point.extrapolationRatio()).isGreaterThan(1);
            assertThat(point.meanRelativeError()).isLessThan(0.02).isLessThanOrEqualTo(point.maxRelativeError());
            assertThat(point.largestFittedFlops()).isLessThan(point.cutoffFlops());
        }
        assertThat(points.get(0).extrapolationRatio()).isLessThan(points.get(1).extrapolationRatio());
    }

    @Test
    void exactLawGivesZeroErrorAndRatioOfLargestComputes() {
        FitData data = FitData.withEstimatedFlops(new double[] {1, 2, 4, 8}, new double[] {1, 1, 1, 1},
                new double[] {2, 2, 2, 2}, 6);
        List<Backtest.Point> points = Backtest.run(data, new double[] {20}, runs -> Optional.of(Backtest.Refitted.of(two())));
        assertThat(points).singleElement().satisfies(point -> {
            assertThat(point.extrapolationRatio()).isCloseTo(48.0 / 12, within(1e-12));
            assertThat(point.runsFitted()).isEqualTo(2);
            assertThat(point.maxRelativeError()).isZero();
        });
    }

    @Test
    void theFurthestRunsErrorIsNeverAboveTheMaximumByARounding() {
        // A loss whose |2/L − 1| rounds below |expm1(−ln(L/2))|: the two ways of writing the relative error.
        double furthestLoss = java.util.stream.IntStream.range(0, 1_000_000).mapToDouble(k -> 2.01 + k * 1e-7)
                .filter(l -> Math.abs(2 / l - 1) < Math.abs(Math.expm1(-Math.log(l / 2)))).findFirst().orElseThrow();
        FitData data = FitData.withEstimatedFlops(new double[] {1, 2, 4, 8}, new double[] {1, 1, 1, 1},
                new double[] {2, 2, 2, furthestLoss}, 6);
        List<Backtest.Point> points = Backtest.run(data, new double[] {20}, runs -> Optional.of(Backtest.Refitted.of(two())));
        assertThat(points).singleElement().satisfies(point -> {
            assertThat(point.furthestRelativeError()).isEqualTo(point.maxRelativeError());
            assertThat(point.maxRelativeError()).isCloseTo(1 - 2 / furthestLoss, within(1e-15));
        });
    }

    @Test
    void skipsCutoffsWithNothingOnOneSideOrAFailedRefit() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.BESIROGLU, 3, 3, 0.005, 3);
        double[] flops = data.flops();
        java.util.Arrays.sort(flops);
        assertThat(Backtest.run(data, new double[] {flops[0], flops[8] * 2}, runs -> refit(data.select(runs)))).isEmpty();
        assertThat(Backtest.run(data, new double[] {flops[5]}, runs -> Optional.empty())).isEmpty();
    }

    /** A law that predicts a loss of 2 everywhere. */
    private static ScalingLaw two() {
        return new ScalingLaw() {
            @Override
            public double loss(double parameters, double tokens) {
                return 2;
            }

            @Override
            public double irreducibleLoss() {
                return 2;
            }
        };
    }

    private Optional<Backtest.Refitted> refit(FitData data) {
        return fitter.fit(chinchilla, data, options) instanceof Fit fit
                ? Optional.of(Backtest.Refitted.of(fit.law())) : Optional.empty();
    }
}
