package dev.scaleplan.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaleplan.fitting.ChinchillaLaw;
import dev.scaleplan.fitting.Range;
import dev.scaleplan.fitting.SyntheticRuns;
import org.junit.jupiter.api.Test;

/** Degenerate fits must not become plans; plans outside the fitted runs' shape say so. */
class PlausibilityTests {

    private static final FittedRegion SWEEP = new FittedRegion(new Range(7e7, 1.4e10), new Range(3.5e8, 1.1e12),
            new Range(1.5e17, 9.3e22), new Range(5, 80), 2.04);

    /** The degenerate fit: β ≈ 0 and E ≈ 0, whose compute-optimal plan for 1e21 FLOPs put 1 token on 1.7e20 parameters. */
    private static final ChinchillaLaw DEGENERATE = new ChinchillaLaw(1e-9, 300, 1e-3, 0.25, 1e-4);

    @Test
    void refusesTheDegenerateFitsOneTokenPlan() {
        Allocation plan = ComputeOptimal.allocation(DEGENERATE, 1e21, 6).orElseThrow();
        assertThat(plan.tokens()).isLessThan(10);

        assertThat(Plausibility.refusal(plan, Double.NaN, DEGENERATE, SWEEP)).hasValueSatisfying(reason ->
                assertThat(reason).contains("tokens per parameter").contains("outside any sensible range"));
    }

    @Test
    void refusesALossFarBelowEveryFittedRun() {
        Allocation plan = new Allocation(1e10, 2e11, 1.2e22, 0.016);

        assertThat(Plausibility.refusal(plan, 0.02, DEGENERATE, SWEEP)).hasValueSatisfying(reason ->
                assertThat(reason).contains("less than half the lowest fitted run's loss 2.04"));
        assertThat(Plausibility.refusal(plan, 1.5, DEGENERATE, SWEEP)).isEmpty();
        assertThat(Plausibility.refusal(plan, 1.5, SyntheticLaws.BESIROGLU, SWEEP)).hasValueSatisfying(reason ->
                assertThat(reason).contains("below the law's irreducible loss E = 1.817"));
    }

    @Test
    void acceptsTheChinchillaBudgetOnAHealthyFit() {
        Allocation plan = ComputeOptimal.allocation(SyntheticLaws.BESIROGLU, 5.76e23, 6).orElseThrow();

        assertThat(Plausibility.refusal(plan, Double.NaN, SyntheticLaws.BESIROGLU, SWEEP)).isEmpty();
        assertThat(Coverage.caveats(plan, SWEEP)).isEmpty();
    }

    @Test
    void kaplansAllocationOfALargeBudgetIsCaveated() {
        Alternative kaplan = Alternatives.forBudget(SyntheticLaws.BESIROGLU, 5.76e23, 6).stream()
                .filter(a -> a.strategy().equals("kaplan-2020")).findFirst().orElseThrow();
        assertThat(kaplan.allocation().tokensPerParameter()).isLessThan(5);

        assertThat(Coverage.caveats(kaplan.allocation(), SWEEP)).singleElement().asString()
                .contains("tokens per parameter is outside the fitted runs' 5.00 to 80.0");
    }

    @Test
    void withoutARecordedRatioTheWidestRangeTheRunsAllowIsUsed() {
        FittedRegion legacy = new FittedRegion(SWEEP.parameters(), SWEEP.tokens(), SWEEP.flops(), null, null);

        assertThat(Coverage.tokensPerParameter(legacy)).isEqualTo(new Range(3.5e8 / 1.4e10, 1.1e12 / 7e7));
        assertThat(Coverage.caveats(new Allocation(1e9, 1e9 * 1e-3, 6e15, 3), legacy)).hasSize(1);
    }

    /** Besiroglu et al. 2024's corrected Chinchilla law. */
    private static final class SyntheticLaws {
        static final ChinchillaLaw BESIROGLU = SyntheticRuns.BESIROGLU;
    }
}
