package dev.scaleplan.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class HardwareBudgetTests {

    private final Accelerator h100 = AcceleratorCatalogue.find("h100-sxm").orElseThrow();

    @Test
    void thousandH100sForAMonthAtFortyPercentMfu() {
        HardwareBudget budget = new HardwareBudget(h100, 1024, 720, 0.4, 2.5);

        assertThat(budget.flops()).isCloseTo(1024.0 * 720 * 3600 * 989e12 * 0.4, withinPercentage(1e-12));
        assertThat(budget.acceleratorHours()).isEqualTo(737_280);
        assertThat(budget.wallClockHours()).isEqualTo(720);
        assertThat(budget.cost()).hasValue(1_843_200);
    }

    @Test
    void costIsAbsentWithoutAPrice() {
        HardwareBudget budget = HardwareBudget.of(h100, 8, 24);

        assertThat(budget.mfu()).isEqualTo(AcceleratorCatalogue.DEFAULT_MFU);
        assertThat(budget.cost()).isEmpty();
    }

    @Test
    void catalogueHoldsTheFiveAcceleratorsWithSources() {
        assertThat(AcceleratorCatalogue.all()).extracting(Accelerator::id)
                .containsExactly("a100-80gb", "h100-sxm", "h200", "b200", "mi300x");
        assertThat(AcceleratorCatalogue.all()).allSatisfy(accelerator -> {
            assertThat(accelerator.source()).contains("datasheet");
            assertThat(accelerator.peakFlopsPerSecond()).isBetween(1e14, 1e16);
        });
        assertThat(AcceleratorCatalogue.find("b200").orElseThrow().memoryBytes()).isEqualTo(180e9);
        assertThat(AcceleratorCatalogue.find("tpu-v9")).isEmpty();
    }

    @Test
    void rejectsNonsenseBudgets() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HardwareBudget(h100, 0, 10, 0.4, null))
                .withMessageContaining("count");
        assertThatIllegalArgumentException().isThrownBy(() -> new HardwareBudget(h100, 8, Double.NaN, 0.4, null))
                .withMessageContaining("hours");
        assertThatIllegalArgumentException().isThrownBy(() -> new HardwareBudget(h100, 8, 10, 1.5, null))
                .withMessageContaining("mfu");
        assertThatIllegalArgumentException().isThrownBy(() -> new HardwareBudget(h100, 8, 10, 0.4, -1.0))
                .withMessageContaining("pricePerHour");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HardwareBudget(h100, Long.MAX_VALUE, 1e300, 0.4, null))
                .withMessageContaining("range");
    }
}
