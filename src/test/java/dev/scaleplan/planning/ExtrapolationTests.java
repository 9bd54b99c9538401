package dev.scaleplan.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ExtrapolationTests {

    @Test
    void noWarningWithinTenTimesTheLargestRun() {
        Extrapolation extrapolation = Extrapolation.of(5e22, 1e22);

        assertThat(extrapolation.ratio()).isEqualTo(5);
        assertThat(extrapolation.warning()).isNull();
        assertThat(extrapolation.hasWarning()).isFalse();
    }

    @Test
    void warnsInWordsBeyondTenTimes() {
        Extrapolation extrapolation = Extrapolation.of(5e23, 1e22);

        assertThat(extrapolation.warning()).isEqualTo(
                "Planned compute is 50× the largest observed run; predictions this far out are uncertain.");
    }

    @Test
    void warnsMoreStronglyBeyondAThousandTimes() {
        Extrapolation extrapolation = Extrapolation.of(5e25, 1e22);

        assertThat(extrapolation.warning()).startsWith("Planned compute is 5,000× the largest observed run")
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
