package dev.scaleplan.planning;

import static dev.scaleplan.planning.ReferenceLaws.BESIROGLU;
import static dev.scaleplan.planning.ReferenceLaws.CHINCHILLA_FLOPS;
import static dev.scaleplan.planning.ReferenceLaws.KAPLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scaleplan.fitting.PowerLaw;
import org.junit.jupiter.api.Test;

class DataConstrainedTests {

    @Test
    void effectiveDataMatchesTheFormula() {
        assertThat(DataConstrained.effectiveTokens(5e11, 1e12)).isEqualTo(5e11);
        assertThat(DataConstrained.effectiveTokens(1e12, 1e12)).isEqualTo(1e12);
        // four epochs: R = 3, D' = U(1 + 15.4(1 − e^(−3/15.4)))
        assertThat(DataConstrained.effectiveTokens(4e12, 1e12))
                .isCloseTo(1e12 * (1 + 15.4 * (1 - Math.exp(-3 / 15.4))), within(1.0));
        // unlimited repetition saturates at U(1 + R*)
        assertThat(DataConstrained.effectiveTokens(1e20, 1e12)).isCloseTo(1e12 * 16.4, within(1e3));
    }

    @Test
    void plentifulDataGivesTheComputeOptimalPlan() {
        Allocation optimal = ComputeOptimal.allocation(BESIROGLU, CHINCHILLA_FLOPS).orElseThrow();

        DataConstrainedPlan plan = DataConstrained.plan(BESIROGLU, CHINCHILLA_FLOPS, 1e14, 6).orElseThrow();

        assertThat(plan.allocation()).isEqualTo(optimal);
        assertThat(plan.lossPenalty()).isZero();
        assertThat(plan.epochs()).isLessThan(1);
        assertThat(plan.effectiveTokens()).isEqualTo(optimal.tokens());
    }

    @Test
    void scarceDataMeansSeveralEpochsAndALossPenalty() {
        DataConstrainedPlan plan = DataConstrained.plan(BESIROGLU, CHINCHILLA_FLOPS, 1e11, 6).orElseThrow();

        System.out.printf("Data-constrained, U = 1e11: N = %.4e, D = %.4e, epochs = %.2f, D' = %.4e,"
                        + " penalty = %.4f%n", plan.allocation().parameters(), plan.allocation().tokens(),
                plan.epochs(), plan.effectiveTokens(), plan.lossPenalty());
        assertThat(plan.epochs()).isGreaterThan(1);
        assertThat(plan.lossPenalty()).isPositive();
        assertThat(plan.effectiveTokens()).isLessThan(plan.allocation().tokens());
        assertThat(plan.allocation().parameters()).isGreaterThan(plan.unconstrained().parameters());
        assertThat(plan.allocation().loss())
                .isEqualTo(BESIROGLU.loss(plan.allocation().parameters(), plan.effectiveTokens()));
    }

    @Test
    void worksForKaplanLaw() {
        DataConstrainedPlan plan = DataConstrained.plan(KAPLAN, 1e23, 1e9, 6).orElseThrow();

        assertThat(plan.epochs()).isGreaterThan(1);
        assertThat(plan.lossPenalty()).isPositive();
    }

    @Test
    void singlePowerLawCannotAllocate() {
        PowerLaw law = new PowerLaw(PowerLaw.Variable.TOKENS, 1.7, 400, 0.3, 6);

        assertThat(DataConstrained.plan(law, 1e22, 1e10, 6)).isInstanceOf(PlanOutcome.CannotAllocate.class);
    }
}
