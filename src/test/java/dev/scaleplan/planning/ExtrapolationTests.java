package dev.scaleplan.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.scaleplan.fitting.Range;
import org.junit.jupiter.api.Test;

class ExtrapolationTests {

    private static final FittedRegion README_SWEEP = new FittedRegion(new Range(7e7, 1.39e10), new Range(3.5e8, 1.11e12),
            new Range(1.47e17, 9.26e22), new Range(5, 80), 2.04);

    @Test
    void numbersAreWrittenExactlyAsFormatWritesThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        java.util.List<Double> values = new java.util.ArrayList<>(java.util.List.of(0.0, -0.0, 1.0, 999.5, 999.4,
                0.0001, 0.00009995, 1.005, 1.015, 2.675, 9.995e22, 7e10, 1e100, 4.9e-324, Double.MAX_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, -5.88e23, 123.45, 0.125));
        for (int i = 0; i < 20_000; i++) {
            double value = Math.pow(10, random.nextDouble(-12, 40)) * (random.nextBoolean() ? 1 : -1);
            values.add(random.nextBoolean() ? value : Math.round(value * 1000) / 1000.0);
        }
        for (double value : values) {
            assertThat(Extrapolation.number(value)).as("%s", value)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.3g", value));
        }
    }

    @Test
    void ratiosAreWrittenExactlyAsFormatWritesThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(12);
        java.util.List<Double> ratios = new java.util.ArrayList<>(java.util.List.of(0.0, 0.05, 0.95, 9.95, 9.96,
                9.949, 10.0, 999.5, 1000.0, 999_999.4, 999_999.6, 1e6, 6.25, 4.78515625, 1e12));
        for (int i = 0; i < 20_000; i++) {
            ratios.add(Math.pow(10, random.nextDouble(-3, 8)));
        }
        for (double ratio : ratios) {
            String expected = ratio < 10 ? String.format(java.util.Locale.ROOT, "%.1f×", ratio)
                    : ratio < 1e6 ? String.format(java.util.Locale.ROOT, "%,.0f×", ratio)
                    : String.format(java.util.Locale.ROOT, "%.1e×", ratio);
            assertThat(Extrapolation.times(ratio)).as("%s", ratio).isEqualTo(expected);
        }
    }

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
