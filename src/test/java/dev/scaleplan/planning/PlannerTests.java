package dev.scaleplan.planning;

import dev.scaleplan.fitting.Estimate;
import static dev.scaleplan.planning.ReferenceLaws.BESIROGLU;
import static dev.scaleplan.planning.ReferenceLaws.CHINCHILLA_FLOPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.scaleplan.fitting.ChinchillaLaw;
import dev.scaleplan.fitting.ScalingLaw;
import org.junit.jupiter.api.Test;

class PlannerTests {

    /** Draws scattered around the Besiroglu fit by a few percent, as a bootstrap would give. */
    private static List<ScalingLaw> perturbedDraws(int count) {
        Random random = new Random(42);
        List<ScalingLaw> draws = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            draws.add(new ChinchillaLaw(
                    BESIROGLU.irreducibleLoss() * (1 + 0.01 * random.nextGaussian()),
                    BESIROGLU.parameterCoefficient() * (1 + 0.05 * random.nextGaussian()),
                    BESIROGLU.tokenCoefficient() * (1 + 0.05 * random.nextGaussian()),
                    BESIROGLU.alpha() * (1 + 0.01 * random.nextGaussian()),
                    BESIROGLU.beta() * (1 + 0.01 * random.nextGaussian())));
        }
        return draws;
    }

    @Test
    void intervalsFromPerturbedDrawsBracketTheEstimate() {
        Planner planner = new Planner(BESIROGLU, perturbedDraws(200), 0.9);

        UncertainPlan<Allocation> plan =
                planner.plan(PlanStrategy.computeOptimal(CHINCHILLA_FLOPS, 6)).orElseThrow();

        PlanIntervals intervals = plan.intervals().orElseThrow();
        System.out.println("90% intervals at C = 5.76e23: " + intervals);
        assertThat(plan.drawsUsed()).isEqualTo(200);
        assertThat(plan.drawsTotal()).isEqualTo(200);
        assertThat(plan.confidenceLevel()).isEqualTo(0.9);
        for (Estimate interval : List.of(intervals.parameters(), intervals.tokens(), intervals.loss())) {
            assertThat(interval.lower()).isLessThanOrEqualTo(interval.estimate());
            assertThat(interval.estimate()).isLessThanOrEqualTo(interval.upper());
            assertThat(interval.lower()).isLessThan(interval.upper());
        }
        assertThat(intervals.parameters().estimate()).isEqualTo(plan.plan().parameters());
    }

    @Test
    void drawsWhereTheTargetIsUnreachableAreSkippedAndCounted() {
        List<ScalingLaw> draws = new ArrayList<>(perturbedDraws(20));
        draws.add(new ChinchillaLaw(2.5, 482.01, 2085.43, 0.3478, 0.3658));
        Planner planner = new Planner(BESIROGLU, draws, 0.95);

        UncertainPlan<Allocation> plan = planner.plan(PlanStrategy.targetLoss(2.0, 6)).orElseThrow();

        assertThat(plan.drawsUsed()).isEqualTo(20);
        assertThat(plan.drawsTotal()).isEqualTo(21);
        // the pessimistic draw still counts for the loss of the run we would launch
        assertThat(plan.intervals().orElseThrow().loss().upper()).isGreaterThan(2.0);
    }

    @Test
    void targetLossIntervalsDescribeTheOutcomeOfTheRecommendedRun() {
        Planner planner = new Planner(BESIROGLU, perturbedDraws(100), 0.95);

        UncertainPlan<InferenceAwarePlan> plan =
                planner.plan(PlanStrategy.inferenceAware(2.0, 1e13, 6)).orElseThrow();

        Estimate loss = plan.intervals().orElseThrow().loss();
        assertThat(loss.estimate()).isCloseTo(2.0, within(1e-9));
        assertThat(loss.lower()).isLessThan(2.0);
        assertThat(loss.upper()).isGreaterThan(2.0);
    }

    @Test
    void noDrawsMeansNoIntervals() {
        UncertainPlan<DataConstrainedPlan> plan = new Planner(BESIROGLU, List.of(), 0.95)
                .plan(PlanStrategy.dataConstrained(CHINCHILLA_FLOPS, 1e11, 6)).orElseThrow();

        assertThat(plan.intervals()).isEmpty();
        assertThat(plan.drawsUsed()).isZero();
    }

    @Test
    void bestFitFailureIsTheOutcome() {
        PlanOutcome<UncertainPlan<Allocation>> outcome =
                new Planner(BESIROGLU, perturbedDraws(5), 0.95).plan(PlanStrategy.targetLoss(1.5, 6));

        assertThat(outcome).isInstanceOf(PlanOutcome.Unreachable.class);
        assertThat(outcome.reason()).contains("irreducible");
    }

    @Test
    void percentilesInterpolateBetweenOrderStatistics() {
        double[] sample = {5, 1, 4, 2, 3};

        assertThat(dev.scaleplan.fitting.Percentiles.of(sample, 0)).isEqualTo(1);
        assertThat(dev.scaleplan.fitting.Percentiles.of(sample, 0.5)).isEqualTo(3);
        assertThat(dev.scaleplan.fitting.Percentiles.of(sample, 0.125)).isEqualTo(1.5);
        assertThat(dev.scaleplan.fitting.Percentiles.of(sample, 1)).isEqualTo(5);
    }

    @Test
    void rejectsAConfidenceLevelOutsideZeroToOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Planner(BESIROGLU, List.of(), 95))
                .withMessageContaining("confidenceLevel");
    }

    @Test
    void strategiesRejectBadNumbersBeforePlanning() {
        assertThatIllegalArgumentException().isThrownBy(() -> PlanStrategy.computeOptimal(-1, 6));
        assertThatIllegalArgumentException().isThrownBy(() -> PlanStrategy.inferenceAware(2, Double.NaN, 6));
    }
}
