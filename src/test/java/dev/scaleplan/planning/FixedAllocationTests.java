package dev.scaleplan.planning;

import static dev.scaleplan.planning.ReferenceLaws.BESIROGLU;
import static dev.scaleplan.planning.ReferenceLaws.KAPLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.scaleplan.fitting.PowerLaw;
import org.junit.jupiter.api.Test;

class FixedAllocationTests {

    @Test
    void spendsTheBudgetOnTokensForAFixedModel() {
        Allocation plan = FixedAllocation.tokensForBudget(BESIROGLU, 7e9, 1e23, 6).orElseThrow();

        assertThat(plan.parameters()).isEqualTo(7e9);
        assertThat(plan.tokens()).isCloseTo(1e23 / (6 * 7e9), withinPercentage(1e-12));
        assertThat(plan.loss()).isEqualTo(BESIROGLU.loss(7e9, plan.tokens()));
    }

    @Test
    void spendsTheBudgetOnParametersForFixedTokens() {
        Allocation plan = FixedAllocation.parametersForBudget(BESIROGLU, 2e12, 1e23, 6).orElseThrow();

        assertThat(plan.parameters()).isCloseTo(1e23 / (6 * 2e12), withinPercentage(1e-12));
        assertThat(plan.flops()).isCloseTo(1e23, withinPercentage(1e-12));
    }

    @Test
    void findsTheTokensAFixedModelNeedsToReachATargetLoss() {
        double target = BESIROGLU.loss(7e9, 2e12);

        Allocation plan = FixedAllocation.tokensForTargetLoss(BESIROGLU, 7e9, target, 6).orElseThrow();

        assertThat(plan.tokens()).isCloseTo(2e12, withinPercentage(1e-6));
        assertThat(plan.loss()).isCloseTo(target, within(1e-12));
    }

    @Test
    void findsTheModelSizeFixedTokensNeedToReachATargetLoss() {
        double target = KAPLAN.loss(3e9, 3e11);

        Allocation plan = FixedAllocation.parametersForTargetLoss(KAPLAN, 3e11, target, 6).orElseThrow();

        assertThat(plan.parameters()).isCloseTo(3e9, withinPercentage(1e-6));
    }

    @Test
    void fixedModelTooSmallForTheTargetIsUnreachable() {
        // L(1e8, ∞) = E + A/1e8^α ≈ 2.43, so no amount of data gets a 100M model to 2.2
        PlanOutcome<Allocation> outcome = FixedAllocation.tokensForTargetLoss(BESIROGLU, 1e8, 2.2, 6);

        assertThat(outcome).isInstanceOf(PlanOutcome.Unreachable.class);
        assertThat(outcome.reason()).contains("unlimited tokens").contains("larger model");
    }

    @Test
    void fixedTokensTooFewForTheTargetIsUnreachable() {
        PlanOutcome<Allocation> outcome = FixedAllocation.parametersForTargetLoss(BESIROGLU, 1e9, 2.0, 6);

        assertThat(outcome).isInstanceOf(PlanOutcome.Unreachable.class);
        assertThat(outcome.reason()).contains("more tokens");
    }

    @Test
    void targetBelowIrreducibleLossIsUnreachable() {
        assertThat(FixedAllocation.tokensForTargetLoss(BESIROGLU, 1e12, 1.8, 6).reason())
                .contains("irreducible");
    }

    @Test
    void worksForASinglePowerLawInTokens() {
        PowerLaw law = new PowerLaw(PowerLaw.Variable.TOKENS, 1.7, 400, 0.3, 6);

        Allocation plan = FixedAllocation.tokensForTargetLoss(law, 1e9, 2.0, 6).orElseThrow();

        assertThat(plan.loss()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void rejectsInvalidNumbers() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FixedAllocation.tokensForBudget(BESIROGLU, -1, 1e20, 6))
                .withMessageContaining("parameters");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FixedAllocation.tokensForTargetLoss(BESIROGLU, 1e9, Double.NaN, 6))
                .withMessageContaining("targetLoss");
    }
}
