package dev.scaleplan.planning;

import static dev.scaleplan.planning.ReferenceLaws.BESIROGLU;
import static dev.scaleplan.planning.ReferenceLaws.CHINCHILLA_FLOPS;
import static dev.scaleplan.planning.ReferenceLaws.KAPLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scaleplan.fitting.DataConstrainedLaw;
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
        // Muennighoff et al. 2023, §6: excess parameters decay faster than repeated data (R*_N < R*_D), so
        // the budget goes to more epochs on a smaller model than Hoffmann's law alone would choose.
        assertThat(plan.allocation().parameters()).isLessThan(plan.unconstrained().parameters());
        assertThat(plan.allocation().loss()).isEqualTo(DataConstrainedLaw.published(BESIROGLU)
                .loss(plan.allocation().parameters(), plan.allocation().tokens(), 1e11));
        assertThat(plan.rStarD()).isEqualTo(15.4);
        assertThat(plan.rStarN()).isEqualTo(5.3);
    }

    @Test
    void aFittedDataConstrainedLawPlansWithItsOwnRStars() {
        DataConstrainedLaw fitted = new DataConstrainedLaw(BESIROGLU, 40, 2);

        DataConstrainedPlan plan = DataConstrained.plan(fitted, CHINCHILLA_FLOPS, 1e11, 6).orElseThrow();
        DataConstrainedPlan published = DataConstrained.plan(BESIROGLU, CHINCHILLA_FLOPS, 1e11, 6).orElseThrow();

        assertThat(plan.rStarD()).isEqualTo(40);
        assertThat(plan.rStarN()).isEqualTo(2);
        assertThat(DataConstrained.usesPublishedConstants(fitted)).isFalse();
        assertThat(DataConstrained.usesPublishedConstants(BESIROGLU)).isTrue();
        // Repeats worth more (R*_D 40 > 15.4) and oversized models worth less (R*_N 2 < 5.3): more epochs, smaller model.
        assertThat(plan.epochs()).isGreaterThan(published.epochs());
        assertThat(plan.allocation().parameters()).isLessThan(published.allocation().parameters());
        assertThat(plan.unconstrained()).isEqualTo(published.unconstrained());
    }

    @Test
    void excessParametersCostLossUnderThePublishedRStarN() {
        DataConstrainedLaw law = DataConstrainedLaw.published(BESIROGLU);
        double unique = 1e10;
        double usable = law.baseParameters(unique);

        assertThat(law.loss(usable * 10, unique, unique)).isGreaterThan(BESIROGLU.loss(usable * 10, unique));
        assertThat(law.loss(usable / 2, unique, unique)).isEqualTo(BESIROGLU.loss(usable / 2, unique));
    }

    @Test
    void worksForKaplanLaw() {
        DataConstrainedPlan plan = DataConstrained.plan(KAPLAN, 1e23, 1e9, 6).orElseThrow();

        assertThat(plan.epochs()).isGreaterThan(1);
        assertThat(plan.lossPenalty()).isPositive();
        assertThat(plan.rStarN()).as("no closed-form U_N for Kaplan's law").isNull();
    }

    @Test
    void singlePowerLawCannotAllocate() {
        PowerLaw law = new PowerLaw(PowerLaw.Variable.TOKENS, 1.7, 400, 0.3, 6);

        assertThat(DataConstrained.plan(law, 1e22, 1e10, 6)).isInstanceOf(PlanOutcome.CannotAllocate.class);
    }
}
