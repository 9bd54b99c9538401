package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExtrapolationErrorTest {

    /** A backtest whose log errors are normal with standard deviation 0.01 + 0.02·distance. */
    private static List<Backtest.Point> backtest(int cutoffs, int runsEach, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Backtest.Point> points = new ArrayList<>();
        for (int k = 0; k < cutoffs; k++) {
            List<Backtest.Scored> scored = new ArrayList<>();
            for (int i = 0; i < runsEach; i++) {
                double distance = 1.5 * (i + 1) / runsEach;
                double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
                scored.add(new Backtest.Scored(1e20, distance, (0.01 + 0.02 * distance) * z, null, null));
            }
            points.add(new Backtest.Point(1e19, 1e19, 30, 50, runsEach, 0.01, 0.05, new double[0], new double[0][],
                    scored));
        }
        return points;
    }

    @Test
    void learnsAnErrorThatGrowsWithDistanceAndCoversNewErrorsAtTheNominalRate() {
        ExtrapolationError error = ExtrapolationError.calibrate(backtest(5, 40, 1), 0.9).orElseThrow();
        // E|z|·σ(x) = 0.798·(0.01 + 0.02x)
        assertThat(error.slope()).isCloseTo(0.798 * 0.02, within(0.006));
        assertThat(error.logHalfWidth(1.5)).isGreaterThan(error.logHalfWidth(0.2));
        int covered = 0;
        int total = 0;
        for (Backtest.Point point : backtest(20, 40, 2)) {
            for (Backtest.Scored run : point.scored()) {
                covered += error.covers(run.logError(), run.distance()) ? 1 : 0;
                total++;
            }
        }
        assertThat((double) covered / total).isBetween(0.86, 0.95);
    }

    @Test
    void givesNoCalibrationFromOneCutoffOrTooFewRuns() {
        assertThat(ExtrapolationError.calibrate(backtest(1, 40, 1), 0.9)).isEmpty();
        assertThat(ExtrapolationError.calibrate(backtest(2, 4, 1), 0.9)).isEmpty();
        assertThat(ExtrapolationError.calibrate(backtest(2, 40, 1), 0.9, 0)).isEmpty();
        assertThatThrownBy(() -> ExtrapolationError.calibrate(backtest(2, 40, 1), 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void measuresDistanceInSpansOfTheFittedComputeAndZeroInside() {
        assertThat(ExtrapolationError.distance(1e22, 1e18, 1e20)).isCloseTo(1.0, within(1e-12));
        assertThat(ExtrapolationError.distance(1e21, 1e18, 1e20)).isCloseTo(0.5, within(1e-12));
        assertThat(ExtrapolationError.distance(1e19, 1e18, 1e20)).isZero();
        Estimate band = ExtrapolationError.calibrate(backtest(5, 40, 1), 0.9).orElseThrow().band(2.0, 1.0);
        assertThat(band.lower() * band.upper()).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void coverageTableScoresEachBandByBucketOfExtrapolationRatio() {
        List<BacktestCoverage.Row> rows = BacktestCoverage.rows(backtest(5, 40, 3), 0.9);
        assertThat(rows).extracting(BacktestCoverage.Row::band).containsOnly("calibrated");
        assertThat(rows).extracting(BacktestCoverage.Row::extrapolationRatio).containsExactly(10.0);
        assertThat(rows.get(0).total()).isEqualTo(200);
        assertThat((double) rows.get(0).covered() / rows.get(0).total()).isBetween(0.8, 0.97);
        assertThat(BacktestCoverage.bucket(1.5)).isEqualTo(2);
        assertThat(BacktestCoverage.bucket(2.5)).isEqualTo(10);
        assertThat(BacktestCoverage.bucket(10)).isEqualTo(10);
        assertThat(BacktestCoverage.bucket(11)).isEqualTo(100);
    }
}
