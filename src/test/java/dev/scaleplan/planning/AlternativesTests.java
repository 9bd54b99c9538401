package dev.scaleplan.planning;

import static dev.scaleplan.planning.ReferenceLaws.BESIROGLU;
import static dev.scaleplan.planning.ReferenceLaws.CHINCHILLA_FLOPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;

import dev.scaleplan.fitting.PowerLaw;
import org.junit.jupiter.api.Test;

class AlternativesTests {

    @Test
    void comparesThreeWaysToSpendTheChinchillaBudget() {
        List<Alternative> alternatives = Alternatives.forBudget(BESIROGLU, CHINCHILLA_FLOPS, 6);

        alternatives.forEach(alternative -> System.out.printf("%-16s N = %.3e, D = %.3e, D/N = %.1f, loss = %.4f%n",
                alternative.strategy(), alternative.allocation().parameters(), alternative.allocation().tokens(),
                alternative.allocation().tokensPerParameter(), alternative.allocation().loss()));
        assertThat(alternatives).extracting(Alternative::strategy)
                .containsExactly("compute-optimal", "kaplan-2020", "over-trained-4x");
        Allocation optimal = alternatives.get(0).allocation();
        Allocation kaplan = alternatives.get(1).allocation();
        Allocation overtrained = alternatives.get(2).allocation();
        // Kaplan's frontier at 5.76e23 FLOP (6,667 PF-days): 1.3e9 · 6667^0.73 ≈ 8.7e11 parameters
        assertThat(kaplan.parameters())
                .isCloseTo(1.3e9 * Math.pow(CHINCHILLA_FLOPS / 8.64e19, 0.73), withinPercentage(1e-9));
        assertThat(kaplan.parameters()).isGreaterThan(optimal.parameters());
        assertThat(overtrained.parameters()).isCloseTo(optimal.parameters() / 4, withinPercentage(1e-9));
        assertThat(overtrained.tokens()).isCloseTo(optimal.tokens() * 4, withinPercentage(1e-9));
        assertThat(alternatives).allSatisfy(alternative -> {
            assertThat(alternative.allocation().flops()).isEqualTo(CHINCHILLA_FLOPS);
            assertThat(alternative.allocation().loss()).isGreaterThanOrEqualTo(optimal.loss());
            assertThat(alternative.description()).isNotBlank();
        });
    }

    @Test
    void singlePowerLawGetsOnlyTheLawFreeAlternative() {
        PowerLaw law = new PowerLaw(PowerLaw.Variable.FLOPS, 1.7, 1e3, 0.05, 6);

        assertThat(Alternatives.forBudget(law, 1e22, 6)).extracting(Alternative::strategy)
                .containsExactly("kaplan-2020");
    }
}
