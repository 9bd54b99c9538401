package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Whatever finite numbers come in, a fit never contains NaN or infinity, and failures are results. */
class FitPropertiesTest {

    private static final ScalingLawFitter FITTER = new ScalingLawFitter();

    @Property(tries = 40, seed = "20240417")
    void garbageDataGivesAFiniteFitOrAFailure(@ForAll("forms") LawForm form, @ForAll("runs") FitData data,
                                              @ForAll("objectives") Objective objective) {
        FitOptions options = FitOptions.defaults().withObjective(objective).withBootstrap(5).withHoldoutFraction(0.2);

        FitOutcome outcome = FITTER.fit(form, data, options);
        Statistics.collect(outcome instanceof FitFailure failure ? failure.reason().name() : "FIT");

        if (outcome instanceof Fit fit) {
            FitAssertions.assertAllFinite(fit);
            double[] x = data.parameters();
            double[] y = data.tokens();
            assertThat(fit.predict(x[0], y[0], Band.PREDICTION)).isNotNull();
        } else {
            assertThat(((FitFailure) outcome).message()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<LawForm> forms() {
        return Arbitraries.of(LawForms.all());
    }

    @Provide
    Arbitrary<Objective> objectives() {
        return Arbitraries.of(Objective.values());
    }

    @Provide
    Arbitrary<FitData> runs() {
        Arbitrary<Double> magnitude = Arbitraries.doubles().between(-300, 300).ofScale(3);
        Arbitrary<Double> value = Arbitraries.frequencyOf(
                Tuple.of(150, magnitude.map(power -> Math.pow(10, power))),
                Tuple.of(300, Arbitraries.doubles().between(1e-3, 1e3).ofScale(6)),
                Tuple.of(50, Arbitraries.of(1.0, 2.0)),
                Tuple.of(1, Arbitraries.of(0.0, -1.0))).withoutEdgeCases();
        return Arbitraries.integers().between(4, 16).withoutEdgeCases().flatMap(n -> Combinators.combine(
                value.array(double[].class).ofSize(n), value.array(double[].class).ofSize(n),
                value.array(double[].class).ofSize(n), value.array(double[].class).ofSize(n))
                .as(FitData::new));
    }
}
