package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class LogLogInterpolationTest {

    @Test
    void reproducesAPowerLawInsideAndBeyondTheObservedRange() {
        double[] x = {1e7, 3e7, 1e8, 4e8, 1e9};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 7.5 * Math.pow(x[i], 0.62);
        }

        LogLogInterpolation curve = LogLogInterpolation.through(x, y);

        for (double at : new double[] {1e6, 1e7, 2e7, 5e8, 1e9, 1e11}) {
            assertThat(curve.at(at)).isCloseTo(7.5 * Math.pow(at, 0.62), withinPercentage(1e-9));
        }
        assertThat(curve.tailSlope()).isCloseTo(0.62, withinPercentage(1e-9));
        assertThat(curve.range()).isEqualTo(new Range(1e7, 1e9));
        assertThat(curve.covers(5e8)).isTrue();
        assertThat(curve.covers(2e9)).isFalse();
    }

    @Test
    void passesThroughTheGeometricMeanOfRunsOfOneSizeAndIsContinuousAtTheEnds() {
        LogLogInterpolation curve = LogLogInterpolation.through(new double[] {1e8, 1e8, 1e9}, new double[] {2, 8, 40});

        assertThat(curve.at(1e8)).isCloseTo(4, withinPercentage(1e-9));
        assertThat(curve.at(1e9)).isCloseTo(40, withinPercentage(1e-9));
        assertThat(curve.at(1e9 * (1 + 1e-12))).isCloseTo(40, withinPercentage(1e-6));
        assertThat(curve.at(Math.sqrt(1e8 * 1e9))).isCloseTo(Math.sqrt(4 * 40), withinPercentage(1e-9));
    }

    @Test
    void aDipInTheObservationsIsPooledSoTheCurveNeverFalls() {
        LogLogInterpolation curve = LogLogInterpolation.through(new double[] {1, 2, 3, 4}, new double[] {1, 10, 5, 20});

        double previous = 0;
        for (double at = 0.5; at < 8; at *= 1.1) {
            assertThat(curve.at(at)).isGreaterThanOrEqualTo(previous);
            previous = curve.at(at);
        }
        assertThat(curve.at(2)).isCloseTo(Math.sqrt(50), withinPercentage(1e-9));
        assertThat(curve.at(3)).isCloseTo(Math.sqrt(50), withinPercentage(1e-9));
    }

    @Test
    void aSingleSizeExtrapolatesInProportion() {
        LogLogInterpolation curve = LogLogInterpolation.through(new double[] {1e8}, new double[] {3e8});

        assertThat(curve.at(1e9)).isCloseTo(3e9, withinPercentage(1e-9));
    }

    @Test
    void rejectsEmptyMismatchedOrNonPositiveObservations() {
        assertThatIllegalArgumentException().isThrownBy(() -> LogLogInterpolation.through(new double[0], new double[0]));
        assertThatIllegalArgumentException().isThrownBy(() -> LogLogInterpolation.through(new double[] {1}, new double[] {1, 2}));
        assertThatIllegalArgumentException().isThrownBy(() -> LogLogInterpolation.through(new double[] {1}, new double[] {0}));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LogLogInterpolation.through(new double[] {Double.NaN}, new double[] {1}));
    }
}
