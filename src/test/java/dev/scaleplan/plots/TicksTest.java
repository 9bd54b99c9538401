package dev.scaleplan.plots;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TicksTest {

    @Test
    void writesComputeAsPowersOfTen() {
        assertThat(Ticks.scientific(1e18)).isEqualTo("1e18");
        assertThat(Ticks.scientific(1e24)).isEqualTo("1e24");
        assertThat(Ticks.scientific(3.16e21)).isEqualTo("3.2e21");
        assertThat(Ticks.scientific(9.99e19)).isEqualTo("1e20");
    }

    @Test
    void writesCountsWithSuffixes() {
        assertThat(Ticks.count(7e10)).isEqualTo("70B");
        assertThat(Ticks.count(1.4e12)).isEqualTo("1.4T");
        assertThat(Ticks.count(4e8)).isEqualTo("400M");
        assertThat(Ticks.count(1.25e9)).isEqualTo("1.25B");
        assertThat(Ticks.count(999)).isEqualTo("999");
        assertThat(Ticks.dollars(1.8432e6)).isEqualTo("$1.84M");
    }

    @Test
    void formatsLogarithmsOfCounts() {
        assertThat(Ticks.ofLog10(Ticks::count).format(9)).isEqualTo("1B");
        assertThat(Ticks.format(Ticks::scientific).format(1e22)).isEqualTo("1e22");
    }
}
