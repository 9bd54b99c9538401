package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LawFormTest {

    @Test
    void registryListsEveryFormWithItsNaturalParameterNames() {
        assertThat(LawForms.all()).extracting(LawForm::id).containsExactly("chinchilla", "kaplan",
                "power-law-parameters", "power-law-tokens", "power-law-flops", "moe", "data-constrained");
        assertThat(LawForms.require("chinchilla").parameterNames()).containsExactly("E", "A", "B", "alpha", "beta");
        assertThat(LawForms.require("kaplan").parameterNames()).containsExactly("Nc", "Dc", "alphaN", "alphaD");
        assertThat(LawForms.require("power-law-flops").parameterNames()).containsExactly("E", "A", "alpha");
        assertThat(LawForms.byId("nope")).isEmpty();
        assertThatThrownBy(() -> LawForms.require("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chinchillaGridIsHoffmannsFullGrid() {
        List<double[]> grid = LawForms.require("chinchilla").startingGrid();
        assertThat(grid).hasSize(4500);
        assertThat(grid).anySatisfy(start -> assertThat(start).containsExactly(-1, 25, 0, 2, 0.5));
    }

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(7);
        for (LawForm form : LawForms.all()) {
            for (int trial = 0; trial < 50; trial++) {
                double[] theta = form.toInternal(typicalNatural(form, random));
                double logN = Math.log(1e7) + random.nextDouble() * 10;
                double logD = Math.log(1e9) + random.nextDouble() * 10;
                double logC = Math.log(6) + logN + logD;
                double[] gradient = new double[form.parameterCount()];
                form.logLoss(theta, logN, logD, logC, gradient);
                for (int j = 0; j < theta.length; j++) {
                    double h = 1e-6 * Math.max(1, Math.abs(theta[j]));
                    double[] up = theta.clone();
                    double[] down = theta.clone();
                    up[j] += h;
                    down[j] -= h;
                    double numeric = (form.logLoss(up, logN, logD, logC, null)
                            - form.logLoss(down, logN, logD, logC, null)) / (2 * h);
                    assertThat(gradient[j]).as("%s d/d%s", form.id(), form.parameterNames().get(j))
                            .isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
                }
            }
        }
    }

    @Test
    void logLossOfTheInternalParametersIsTheLogOfTheNaturalLaw() {
        SplittableRandom random = new SplittableRandom(11);
        for (LawForm form : LawForms.all()) {
            double[] natural = typicalNatural(form, random);
            double[] internal = form.toInternal(natural);
            double[] roundTrip = form.toNatural(internal);
            for (int j = 0; j < natural.length; j++) {
                assertThat(roundTrip[j]).isCloseTo(natural[j], within(1e-12 * Math.abs(natural[j])));
            }
            ScalingLaw law = form.law(natural, 6);
            double n = 3e9;
            double d = 7e10;
            double predicted = form.logLoss(internal, Math.log(n), Math.log(d), Math.log(6 * n * d), null);
            assertThat(predicted).isCloseTo(Math.log(law.loss(n, d)), within(1e-12));
        }
    }

    @Test
    void chinchillaDerivedQuantitiesFollowHoffmannsClosedForm() {
        LawForm form = LawForms.require("chinchilla");
        double[] natural = {1.69, 406.4, 410.7, 0.34, 0.28};
        var derived = form.derived(natural, 5.76e23, 6);
        assertThat(derived.get("a")).isCloseTo(0.28 / 0.62, within(1e-12));
        assertThat(derived.get("b")).isCloseTo(0.34 / 0.62, within(1e-12));
        double g = Math.pow(0.34 * 406.4 / (0.28 * 410.7), 1 / 0.62);
        assertThat(derived.get("G")).isCloseTo(g, within(1e-12));
        double optimalParameters = g * Math.pow(5.76e23 / 6, 0.28 / 0.62);
        double optimalTokens = Math.pow(5.76e23 / 6, 0.34 / 0.62) / g;
        assertThat(derived.get(LawForms.OPTIMAL_TOKENS_PER_PARAMETER)).isCloseTo(optimalTokens / optimalParameters, within(1e-9));
        // The closed form is the minimum of L along C = 6·N·D.
        ScalingLaw law = form.law(natural, 6);
        double atOptimum = law.loss(optimalParameters, optimalTokens);
        assertThat(law.loss(optimalParameters * 1.1, optimalTokens / 1.1)).isGreaterThan(atOptimum);
        assertThat(law.loss(optimalParameters / 1.1, optimalTokens * 1.1)).isGreaterThan(atOptimum);
    }

    static double[] typicalNatural(LawForm form, SplittableRandom random) {
        return switch (form.id()) {
            case "chinchilla" -> new double[] {1 + random.nextDouble(), 100 + 900 * random.nextDouble(),
                    100 + 3000 * random.nextDouble(), 0.2 + 0.3 * random.nextDouble(),
                    0.2 + 0.3 * random.nextDouble()};
            case "kaplan" -> new double[] {1e13 * (1 + 9 * random.nextDouble()), 1e13 * (1 + 9 * random.nextDouble()),
                    0.05 + 0.1 * random.nextDouble(), 0.05 + 0.1 * random.nextDouble()};
            case "moe" -> new double[] {-0.05 - 0.1 * random.nextDouble(), -0.05 - 0.1 * random.nextDouble(),
                    0.01 * random.nextDouble(), 1 + 2 * random.nextDouble()};
            case "data-constrained" -> new double[] {1 + random.nextDouble(), 100 + 900 * random.nextDouble(),
                    100 + 3000 * random.nextDouble(), 0.2 + 0.3 * random.nextDouble(),
                    0.2 + 0.3 * random.nextDouble(), 5 + 30 * random.nextDouble(), 1 + 10 * random.nextDouble()};
            default -> new double[] {1 + random.nextDouble(), 10 + 1000 * random.nextDouble(),
                    0.05 + 0.4 * random.nextDouble()};
        };
    }
}
