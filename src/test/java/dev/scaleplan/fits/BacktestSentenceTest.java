package dev.scaleplan.fits;

import java.util.List;

import dev.scaleplan.fitting.Backtest;
import dev.scaleplan.planning.AllocationDrift;
import dev.scaleplan.fitting.Estimate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestSentenceTest {

    private static final List<Backtest.Point> POINTS = List.of(
            point(1e19, 9e18, 3.2, 100, 40, 0.004, 0.009, 0.007),
            point(1e20, 9e19, 10.4, 180, 12, 0.009, 0.018, 0.015));

    private static Backtest.Point point(double cutoff, double largest, double ratio, int fitted, int predicted,
                                        double mean, double max, double furthest) {
        // The furthest run (at the largest ratio) has relative error `furthest`: ln L − ln L̂ = −ln(1 + e).
        return new Backtest.Point(cutoff, largest, ratio, fitted, predicted, mean, max, new double[0], new double[0][],
                List.of(new Backtest.Scored(largest * 2, 0.1, 0.001, null, null),
                        new Backtest.Scored(largest * ratio, 0.5, -Math.log1p(furthest), null, null)));
    }

    @Test
    void quotesTheFurthestRunOfTheBacktestNearestThePlansRatio() {
        assertThat(BacktestService.sentence(POINTS, 12)).isEqualTo("On this project a 10.4× extrapolation (fitted "
                + "below 1.00e+20 FLOPs, 12 runs predicted) missed its furthest run by 1.5% (1.8% at most, 0.9% on "
                + "average).");
        assertThat(BacktestService.sentence(POINTS, 2)).contains("a 3.2× extrapolation");
    }

    @Test
    void saysWhenThePlanReachesFurtherThanAnyBacktest() {
        assertThat(BacktestService.sentence(POINTS, 500)).contains("a 10.4× extrapolation")
                .endsWith("; 500× is further than any backtest reaches.");
    }

    @Test
    void summaryReportsTheFurthestExtrapolationAndTheLargestDriftInWords() {
        AllocationDrift drift = new AllocationDrift(1e24, List.of(
                new AllocationDrift.Shift(1e19, 0.5, new Estimate(0.8, 0.6, 1.1), new Estimate(1.25, 0.9, 1.6)),
                new AllocationDrift.Shift(1.48e20, 0.3, new Estimate(2.6, 1.9, 3.4), new Estimate(1 / 2.5, 0.3, 0.5))));
        assertThat(BacktestReports.summary(POINTS, drift)).isEqualTo("At its furthest extrapolation (10.4×, fitted "
                + "below 1.00e+20 FLOPs) the backtest missed the furthest run by 1.5% (12 runs predicted, 0.9% on "
                + "average). N* at 1.00e+24 FLOPs moved 2.6× (D* 2.5×) when the largest 30% of runs (by compute, from "
                + "1.48e+20 FLOPs) were added.");
    }
}
