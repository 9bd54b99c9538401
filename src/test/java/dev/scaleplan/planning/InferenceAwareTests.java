package dev.scaleplan.planning;

import static dev.scaleplan.planning.ReferenceLaws.BESIROGLU;
import static dev.scaleplan.planning.ReferenceLaws.CHINCHILLA_FLOPS;
import static dev.scaleplan.planning.ReferenceLaws.KAPLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class InferenceAwareTests {

    private final Allocation chinchilla = ComputeOptimal.allocation(BESIROGLU, CHINCHILLA_FLOPS).orElseThrow();

    @Test
    void heavyInferencePicksASmallerModelTrainedLonger() {
        InferenceAwarePlan plan =
                InferenceAware.forTargetLoss(BESIROGLU, chinchilla.loss(), 2e13, 6).orElseThrow();

        System.out.printf("Inference-aware, D_inf = 2e13: N = %.4e, D = %.4e, train = %.4e, lifetime = %.4e"
                        + " (compute-optimal lifetime %.4e), over-training ×%.2f, N ratio %.3f%n",
                plan.allocation().parameters(), plan.allocation().tokens(), plan.trainingFlops(),
                plan.lifetimeFlops(), plan.computeOptimalLifetimeFlops(), plan.overtrainingFactor(),
                plan.parameterRatio());
        assertThat(plan.parameterRatio()).isLessThan(0.8);
        assertThat(plan.allocation().tokens()).isGreaterThan(1.2 * chinchilla.tokens());
        assertThat(plan.overtrainingFactor()).isGreaterThan(1.5);
        assertThat(plan.lifetimeFlops()).isLessThan(plan.computeOptimalLifetimeFlops());
        assertThat(plan.computeOptimalLifetimeFlops())
                .isCloseTo(chinchilla.flops() + 2 * chinchilla.parameters() * 2e13, withinPercentage(1e-3));
        assertThat(plan.allocation().loss()).isCloseTo(chinchilla.loss(), within(1e-10));
        assertThat(plan.inferenceFlops()).isEqualTo(2 * plan.allocation().parameters() * 2e13);
        assertThat(plan.lifetimeFlops()).isEqualTo(plan.trainingFlops() + plan.inferenceFlops());
    }

    @Test
    void withoutInferenceItIsTheTargetLossComputeOptimalPlan() {
        Allocation optimal = TargetLoss.computeOptimal(BESIROGLU, chinchilla.loss()).orElseThrow();

        InferenceAwarePlan plan = InferenceAware.forTargetLoss(BESIROGLU, chinchilla.loss(), 0, 6).orElseThrow();

        assertThat(plan.allocation()).isEqualTo(optimal);
        assertThat(plan.lifetimeFlops()).isEqualTo(optimal.flops());
        assertThat(plan.overtrainingFactor()).isEqualTo(1.0);
    }

    @Test
    void numericSearchWithNegligibleInferenceLandsOnTheComputeOptimalModel() {
        InferenceAwarePlan plan = InferenceAware.forTargetLoss(KAPLAN, 2.2, 1, 6).orElseThrow();

        assertThat(plan.parameterRatio()).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void moreInferenceMeansASmallerModel() {
        double light = InferenceAware.forTargetLoss(BESIROGLU, 2.0, 1e12, 6).orElseThrow().parameterRatio();
        double heavy = InferenceAware.forTargetLoss(BESIROGLU, 2.0, 1e14, 6).orElseThrow().parameterRatio();

        assertThat(heavy).isLessThan(light);
        assertThat(light).isLessThanOrEqualTo(1.0);
    }

    @Test
    void budgetUsesTheLossTheBudgetBuysAsTarget() {
        InferenceAwarePlan plan = InferenceAware.forBudget(BESIROGLU, CHINCHILLA_FLOPS, 2e13, 6).orElseThrow();

        assertThat(plan.allocation().loss()).isCloseTo(chinchilla.loss(), within(1e-10));
        assertThat(plan.computeOptimal().flops()).isCloseTo(CHINCHILLA_FLOPS, withinPercentage(1e-4));
        assertThat(plan.trainingFlops()).isGreaterThan(CHINCHILLA_FLOPS);
    }

    @Test
    void unreachableTargetStaysUnreachable() {
        assertThat(InferenceAware.forTargetLoss(BESIROGLU, 1.8, 1e12, 6))
                .isInstanceOf(PlanOutcome.Unreachable.class);
    }

    @Test
    void astronomicalInferenceDemandIsUnreachableRatherThanInfinite() {
        PlanOutcome<InferenceAwarePlan> outcome = InferenceAware.forTargetLoss(BESIROGLU, 2.0, 1e306, 6);

        assertThat(outcome).isInstanceOf(PlanOutcome.Unreachable.class);
        assertThat(outcome.reason()).contains("floating-point range");
    }

    @Test
    void rejectsNegativeInferenceTokens() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InferenceAware.forTargetLoss(BESIROGLU, 2.0, -1, 6))
                .withMessageContaining("inferenceTokens");
    }
}
