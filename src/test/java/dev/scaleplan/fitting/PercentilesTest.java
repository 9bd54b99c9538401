package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void typeSevenMatchesNumpysDefault() {
        double[] sample = {4, 1, 3, 2, 5};
        // numpy.percentile([1, 2, 3, 4, 5], [5, 95]) = [1.2, 4.8]
        assertThat(Percentiles.interval(sample, 0.9)).containsExactly(1.2, 4.8);
        assertThat(Percentiles.of(sample, 0)).isEqualTo(1);
        assertThat(sample).containsExactly(4, 1, 3, 2, 5);
    }

    @Test
    void bothWaysGiveCommonsMathsTypeSevenPercentilesOfTheFiniteDraws() {
        SplittableRandom random = new SplittableRandom(7);
        for (int size : new int[] {1, 2, 3, 200, 4000}) {
            for (double level : new double[] {0.5, 0.8, 0.9, 0.95}) {
                double[] draws = random.doubles(size, -3, 3).map(Math::exp).toArray();
                if (size > 2) {
                    draws[1] = Double.NaN;
                    draws[2] = Double.POSITIVE_INFINITY;
                }
                double[] finite = Arrays.stream(draws).filter(Double::isFinite).toArray();
                Percentile commonsMath = new Percentile().withEstimationType(EstimationType.R_7);
                commonsMath.setData(finite);
                Estimate expected = new Estimate(1, commonsMath.evaluate(50 * (1 - level)),
                        commonsMath.evaluate(50 * (1 + level)));
                assertThat(Percentiles.estimate(1, draws, level)).as("size %d level %s", size, level)
                        .isEqualTo(expected);
                assertThat(Percentiles.estimateInPlace(1, draws, level)).as("in place, size %d level %s", size, level)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void withoutAFiniteDrawTheIntervalHasNoWidth() {
        double[] none = {Double.NaN, Double.NEGATIVE_INFINITY};
        assertThat(Percentiles.estimateInPlace(2.5, none, 0.9)).isEqualTo(Estimate.exact(2.5));
        assertThat(Percentiles.interval(none, 0.9)).isNull();
    }
}
