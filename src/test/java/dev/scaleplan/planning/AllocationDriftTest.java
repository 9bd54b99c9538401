package dev.scaleplan.planning;

import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.SyntheticRuns;
import java.util.List;

import dev.scaleplan.fitting.ChinchillaLaw;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AllocationDriftTest {

    private static final ChinchillaLaw FULL = SyntheticRuns.BESIROGLU;

    @Test
    void aRefitOfTheSameLawDoesNotMoveAndAnotherMovesByItsRatio() {
        ChinchillaLaw moreParameters = new ChinchillaLaw(1.8172, 482.01, 2085.43, 0.30, 0.3658);
        AllocationDrift drift = AllocationDrift.at(FULL, List.of(
                new AllocationDrift.Refit(1e19, 0.5, FULL, List.of()),
                new AllocationDrift.Refit(1e20, 0.3, moreParameters, List.of())), 1e24, 6, 0.9);
        assertThat(drift.shifts()).hasSize(2);
        assertThat(drift.shifts().get(0).parametersRatio().estimate()).isCloseTo(1, within(1e-9));
        AllocationDrift.Shift moved = drift.shifts().get(1);
        double expected = ComputeOptimal.allocation(moreParameters, 1e24, 6).orElseThrow().parameters()
                / ComputeOptimal.allocation(FULL, 1e24, 6).orElseThrow().parameters();
        assertThat(moved.parametersRatio().estimate()).isCloseTo(expected, within(1e-9 * expected));
        assertThat(moved.tokensRatio().estimate()).isCloseTo(1 / expected, within(1e-9 / expected));
        assertThat(drift.parametersFactor()).isCloseTo(Math.max(expected, 1 / expected), within(1e-9 * expected));
        assertThat(drift.largest()).contains(moved);
        assertThat(drift.isLarge()).isEqualTo(drift.parametersFactor() > AllocationDrift.LARGE);
        assertThat(drift.sentence().orElseThrow()).startsWith("N* at 1.00e+24 FLOPs moved ")
                .endsWith("when the largest 30% of runs (by compute, from 1.00e+20 FLOPs) were added");
    }

    @Test
    void refitDrawsGiveTheRatioAnInterval() {
        List<dev.scaleplan.fitting.ScalingLaw> draws = List.of(new ChinchillaLaw(1.8, 470, 2000, 0.34, 0.36),
                new ChinchillaLaw(1.83, 490, 2150, 0.355, 0.37), new ChinchillaLaw(1.81, 480, 2080, 0.347, 0.366));
        AllocationDrift.Shift shift = AllocationDrift.at(FULL, List.of(new AllocationDrift.Refit(1e19, 0.5, FULL, draws)),
                1e23, 6, 0.9).shifts().get(0);
        assertThat(shift.parametersRatio().lower()).isLessThan(shift.parametersRatio().upper());
    }

    @Test
    void widensAnIntervalToHoldTheMovementEitherWay() {
        Estimate widened = AllocationDrift.widen(100, 90, 120, 1.5);
        assertThat(widened.lower()).isCloseTo(100 / 1.5, within(1e-9));
        assertThat(widened.upper()).isEqualTo(150);
        assertThat(AllocationDrift.widen(100, 50, 300, 1.5)).isEqualTo(new Estimate(100, 50, 300));
    }
}
