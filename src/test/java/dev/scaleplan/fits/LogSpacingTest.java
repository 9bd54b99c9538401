package dev.scaleplan.fits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogSpacingTest {

    @Test
    void endsAreExactlyTheRequestedBounds() {
        double[] x = LogSpacing.points(1e19, 3.7e24, 50);
        assertThat(x).hasSize(50);
        assertThat(x[0]).isEqualTo(1e19);
        assertThat(x[49]).isEqualTo(3.7e24);
    }

    @Test
    void decadesBetweenDecadesAreExact() {
        assertThat(LogSpacing.points(1e19, 1e25, 7)).containsExactly(1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25);
        assertThat(LogSpacing.points(2e9, 2e11, 3)).containsExactly(2e9, 2e10, 2e11);
    }

    @Test
    void pointsAreLogSpacedAndIncreasing() {
        double[] x = LogSpacing.points(1e18, 1e25, 500);
        for (int i = 1; i < x.length; i++) {
            assertThat(x[i]).isGreaterThan(x[i - 1]);
            assertThat(Math.log10(x[i] / x[i - 1])).isCloseTo(7.0 / 499, within(1e-9));
        }
    }
}
