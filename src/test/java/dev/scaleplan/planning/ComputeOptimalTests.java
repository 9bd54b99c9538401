package dev.scaleplan.planning;

import static dev.scaleplan.planning.ReferenceLaws.BESIROGLU;
import static dev.scaleplan.planning.ReferenceLaws.CHINCHILLA_FLOPS;
import static dev.scaleplan.planning.ReferenceLaws.KAPLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.scaleplan.fitting.ChinchillaLaw;
import dev.scaleplan.fitting.PowerLaw;
import dev.scaleplan.fitting.TrainingFlops;
import org.junit.jupiter.api.Test;

class ComputeOptimalTests {

    @Test
    void chinchillaBudgetGivesAbout70BParametersOn1Point4TTokens() {
        Allocation plan = ComputeOptimal.allocation(BESIROGLU, CHINCHILLA_FLOPS).orElseThrow();

        System.out.printf("Besiroglu fit, C = 5.76e23: N = %.6e, D = %.6e, D/N = %.4f, loss = %.6f%n",
                plan.parameters(), plan.tokens(), plan.tokensPerParameter(), plan.loss());
        assertThat(plan.parameters()).isBetween(60e9, 80e9);
        assertThat(plan.tokens()).isBetween(1.2e12, 1.6e12);
        assertThat(plan.flops()).isEqualTo(CHINCHILLA_FLOPS);
        assertThat(6 * plan.parameters() * plan.tokens()).isCloseTo(CHINCHILLA_FLOPS, withinPercentage(1e-10));
        assertThat(plan.loss()).isCloseTo(BESIROGLU.loss(plan.parameters(), plan.tokens()), within(1e-15));
    }

    @Test
    void numericAllocationAgreesWithTheClosedForm() {
        for (double flops : new double[] {1e18, 5.76e23, 1e27, 1e30}) {
            double closed = ComputeOptimal.closedFormLogParameters(BESIROGLU, flops, 6);
            double numeric = ComputeOptimal.numericLogParameters(BESIROGLU, flops, TrainingFlops.linear(6));
            assertThat(Math.exp(numeric)).isCloseTo(Math.exp(closed), withinPercentage(0.01));
            double tokensClosed = flops / 6 / Math.exp(closed);
            double tokensNumeric = flops / 6 / Math.exp(numeric);
            assertThat(BESIROGLU.loss(Math.exp(numeric), tokensNumeric))
                    .isCloseTo(BESIROGLU.loss(Math.exp(closed), tokensClosed), within(1e-12));
        }
    }

    @Test
    void closedFormStaysInsideTheBudgetForExtremeExponents() {
        ChinchillaLaw lopsided = new ChinchillaLaw(1, 1e6, 1e-2, 2, 0.01);

        Allocation plan = ComputeOptimal.allocation(lopsided, 1e20).orElseThrow();

        assertThat(plan.parameters()).isBetween(1.0, 1e20 / 6);
        assertThat(plan.tokens()).isGreaterThanOrEqualTo(1.0 - 1e-9);
        assertThat(plan.loss()).isFinite();
    }

    @Test
    void allocatesForKaplanLawNumerically() {
        Allocation small = ComputeOptimal.allocation(KAPLAN, 1e20).orElseThrow();
        Allocation large = ComputeOptimal.allocation(KAPLAN, 1e24).orElseThrow();

        assertThat(large.parameters()).isGreaterThan(small.parameters());
        assertThat(large.loss()).isLessThan(small.loss());
        double parameters = large.parameters();
        double flops = 1e24;
        // a true minimum: moving N either way along the budget raises the loss
        for (double factor : new double[] {0.9, 1.1}) {
            double n = parameters * factor;
            assertThat(KAPLAN.loss(n, flops / (6 * n))).isGreaterThan(large.loss());
        }
    }

    @Test
    void singlePowerLawCannotAllocate() {
        PowerLaw law = new PowerLaw(PowerLaw.Variable.FLOPS, 1.7, 1e3, 0.05, 6);

        PlanOutcome<Allocation> outcome = ComputeOptimal.allocation(law, 1e22);

        assertThat(outcome).isInstanceOf(PlanOutcome.CannotAllocate.class);
        assertThat(outcome.reason()).contains("PowerLaw").contains("single variable");
    }

    @Test
    void rejectsNonPositiveOrNonFiniteBudgets() {
        assertThatIllegalArgumentException().isThrownBy(() -> ComputeOptimal.allocation(BESIROGLU, 0))
                .withMessageContaining("flops");
        assertThatIllegalArgumentException().isThrownBy(() -> ComputeOptimal.allocation(BESIROGLU, Double.NaN));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ComputeOptimal.allocation(BESIROGLU, Double.POSITIVE_INFINITY));
        assertThatIllegalArgumentException().isThrownBy(() -> ComputeOptimal.allocation(BESIROGLU, 1e20, -6))
                .withMessageContaining("flopsPerToken");
    }
}
