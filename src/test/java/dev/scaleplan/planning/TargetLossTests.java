package dev.scaleplan.planning;

import static dev.scaleplan.planning.ReferenceLaws.BESIROGLU;
import static dev.scaleplan.planning.ReferenceLaws.CHINCHILLA_FLOPS;
import static dev.scaleplan.planning.ReferenceLaws.KAPLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.scaleplan.fitting.PowerLaw;
import org.junit.jupiter.api.Test;

class TargetLossTests {

    @Test
    void targetLossOfTheChinchillaPlanNeedsTheChinchillaBudget() {
        Allocation chinchilla = ComputeOptimal.allocation(BESIROGLU, CHINCHILLA_FLOPS).orElseThrow();

        Allocation plan = TargetLoss.computeOptimal(BESIROGLU, chinchilla.loss()).orElseThrow();

        assertThat(plan.flops()).isCloseTo(CHINCHILLA_FLOPS, withinPercentage(1e-4));
        assertThat(plan.parameters()).isCloseTo(chinchilla.parameters(), withinPercentage(1e-4));
        assertThat(plan.loss()).isCloseTo(chinchilla.loss(), within(1e-12));
    }

    @Test
    void findsTheBudgetForKaplanLaw() {
        Allocation reference = ComputeOptimal.allocation(KAPLAN, 3e22).orElseThrow();

        Allocation plan = TargetLoss.computeOptimal(KAPLAN, reference.loss()).orElseThrow();

        assertThat(plan.flops()).isCloseTo(3e22, withinPercentage(1e-3));
    }

    @Test
    void targetAtOrBelowIrreducibleLossIsUnreachable() {
        PlanOutcome<Allocation> atE = TargetLoss.computeOptimal(BESIROGLU, BESIROGLU.irreducibleLoss());
        PlanOutcome<Allocation> belowE = TargetLoss.computeOptimal(BESIROGLU, 1.5);

        assertThat(atE).isInstanceOf(PlanOutcome.Unreachable.class);
        assertThat(belowE).isInstanceOf(PlanOutcome.Unreachable.class);
        assertThat(belowE.reason()).contains("irreducible loss 1.817");
    }

    @Test
    void targetBeyondTheSearchedBudgetIsUnreachable() {
        PlanOutcome<Allocation> outcome = TargetLoss.computeOptimal(BESIROGLU, 1.8172 + 1e-9);

        assertThat(outcome).isInstanceOf(PlanOutcome.Unreachable.class);
        assertThat(outcome.reason()).contains("not reached");
    }

    @Test
    void singlePowerLawCannotAllocate() {
        PowerLaw law = new PowerLaw(PowerLaw.Variable.PARAMETERS, 1.7, 1e3, 0.3, 6);

        assertThat(TargetLoss.computeOptimal(law, 2.0)).isInstanceOf(PlanOutcome.CannotAllocate.class);
    }
}
