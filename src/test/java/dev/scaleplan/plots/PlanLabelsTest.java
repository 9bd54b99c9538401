package dev.scaleplan.plots;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlanLabelsTest {

    private static PlotInputs.PlanMark plan(long id, double flops, double loss) {
        return new PlotInputs.PlanMark(id, "compute-optimal", flops, loss, null, null);
    }

    @Test
    void plansDrawnOnTopOfEachOtherShareOneLabel() {
        List<PlanLabels.Label> labels = PlanLabels.of(List.of(plan(12, 1e22, 2.10), plan(13, 1.05e22, 2.101),
                plan(14, 1.1e22, 2.099), plan(15, 1.1e22, 2.1), plan(16, 1.02e22, 2.1)), 6, 1.5);
        assertThat(labels).singleElement().extracting(PlanLabels.Label::text).isEqualTo("plans 12, 13, 14 +2");
    }

    @Test
    void plansApartKeepTheirOwnLabels() {
        List<PlanLabels.Label> labels = PlanLabels.of(List.of(plan(3, 1e20, 2.4), plan(4, 1e22, 2.1),
                plan(5, 1e24, 1.95)), 6, 1.5);
        assertThat(labels).extracting(PlanLabels.Label::text).containsExactly("plan 3", "plan 4", "plan 5");
    }

    @Test
    void plansAtTheSameComputeButFarApartInLossKeepTheirOwnLabels() {
        List<PlanLabels.Label> labels = PlanLabels.of(List.of(plan(7, 1e22, 2.1), plan(8, 1e22, 2.6)), 6, 1.5);
        assertThat(labels).hasSize(2);
    }
}
