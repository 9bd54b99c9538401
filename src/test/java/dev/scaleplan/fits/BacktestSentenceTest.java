package dev.scaleplan.fits;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestSentenceTest {

    private static final List<BacktestResponse.Point> POINTS = List.of(
            new BacktestResponse.Point(1e19, 9e18, 3.2, 100, 40, 0.004, 0.009),
            new BacktestResponse.Point(1e20, 9e19, 10.4, 180, 12, 0.009, 0.018));

    @Test
    void quotesTheBacktestNearestThePlansRatio() {
        assertThat(BacktestService.sentence(POINTS, 12)).isEqualTo("On this project a 10.4× extrapolation (fitted "
                + "below 1.00e+20 FLOPs, 12 runs predicted) missed by 1.8% at most (0.9% on average).");
        assertThat(BacktestService.sentence(POINTS, 2)).contains("a 3.2× extrapolation");
    }

    @Test
    void saysWhenThePlanReachesFurtherThanAnyBacktest() {
        assertThat(BacktestService.sentence(POINTS, 500)).contains("a 10.4× extrapolation")
                .endsWith("; 500× is further than any backtest reaches.");
    }
}
