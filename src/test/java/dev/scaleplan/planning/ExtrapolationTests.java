package dev.scaleplan.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.scaleplan.fitting.Range;
import org.junit.jupiter.api.Test;

class ExtrapolationTests {

    private static final FittedRegion README_SWEEP = new FittedRegion(new Range(7e7, 1.39e10), new Range(3.5e8, 1.11e12),
            new Range(1.47e17, 9.26e22), new Range(5, 80), 2.04);

    @Test
    void noWarningInsideTheFittedRuns() {
        Extrapolation extrapolation = Extrapolation.at(1e9, 2e10, 1.2e20, README_SWEEP);

        assertThat(extrapolation.ratio()).isEqualTo(1.2e20 / 9.26e22);
        assertThat(extrapolation.warning()).isNull();
        assertThat(extrapolation.hasWarning()).isFalse();
    }

    @Test
    void oneSentenceNamesEveryQuantityOutsideTheFittedRuns() {
        Extrapolation extrapolation = Extrapolation.at(7e10, 1.4e12, 5.88e23, README_SWEEP);

        assertThat(extrapolation.warning()).isEqualTo("C = 5.88e+23 is 6.3× the largest fitted run's compute"
                + " (9.26e+22); N = 7.00e+10 and D = 1.40e+12 lie outside the fitted runs (N 7.00e+07 to 1.39e+10,"
                + " D 3.50e+08 to 1.11e+12). The law is extrapolated and its band may understate the error.");
    }

    @Test
    void warnsInWordsBeyondTenTimes() {
        Extrapolation extrapolation = Extrapolation.of(5e23, 1e22);

        assertThat(extrapolation.ratio()).isEqualTo(50);
        assertThat(extrapolation.warning()).isEqualTo(
                "C = 5.00e+23 is 50× the largest fitted run's compute (1.00e+22). Predictions this far out are uncertain.");
    }

    @Test
    void warnsMoreStronglyBeyondAThousandTimes() {
        Extrapolation extrapolation = Extrapolation.of(5e25, 1e22);

        assertThat(extrapolation.warning()).startsWith("C = 5.00e+25 is 5,000× the largest fitted run's compute")
                .contains("highly speculative");
    }

    @Test
    void hugeRatiosAreWrittenInScientificNotation() {
        assertThat(Extrapolation.of(1e300, 1e-300).warning()).contains("e+").doesNotContain("Infinity");
    }

    @Test
    void rejectsNonPositiveCompute() {
        assertThatIllegalArgumentException().isThrownBy(() -> Extrapolation.of(1e22, 0))
                .withMessageContaining("maxObservedFlops");
    }
}
