package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaleplan.fitting.FitFailure.Reason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DegenerateDataTest {

    private static final FitOptions OPTIONS = FitOptions.defaults().withBootstrap(10);
    private final ScalingLawFitter fitter = new ScalingLawFitter();

    @Test
    void failsWithTooFewRunsWhenDistinctPointsAreFewerThanParametersPlusTwo() {
        FitData six = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 3, 2, 0, 1);

        assertThat(fitter.fit(LawForms.require("chinchilla"), six, OPTIONS))
                .isInstanceOfSatisfying(FitFailure.class, failure -> assertThat(failure.reason())
                        .isEqualTo(Reason.TOO_FEW_RUNS));
        assertThat(fitter.fit(LawForms.require("power-law-flops"), six, OPTIONS)).isInstanceOf(Fit.class);
    }

    @Test
    void duplicatedRunsDoNotCountAsDistinctPoints() {
        FitData three = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 3, 1, 0, 1);
        FitData repeated = new FitData(repeat(three.parameters()), repeat(three.tokens()), repeat(three.flops()),
                repeat(three.loss()));

        FitOutcome outcome = fitter.fit(LawForms.require("power-law-parameters"), repeated, OPTIONS);

        assertThat(((FitFailure) outcome).reason()).isEqualTo(Reason.TOO_FEW_RUNS);
    }

    @Test
    void failsWithNoSpreadWhenEveryRunHasTheSameParameters() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 1, 20, 1e9, 1e9, 1e9, 1e11, 0, 1);

        for (String form : new String[] {"chinchilla", "kaplan", "power-law-parameters"}) {
            FitOutcome outcome = fitter.fit(LawForms.require(form), data, OPTIONS);
            assertThat(((FitFailure) outcome).reason()).as(form).isEqualTo(Reason.NO_SPREAD);
            assertThat(((FitFailure) outcome).message()).contains("parameter count N");
        }
        assertThat(fitter.fit(LawForms.require("power-law-tokens"), data, OPTIONS)).isInstanceOf(Fit.class);
    }

    @Test
    void failsWithNoSpreadWhenEveryRunHasTheSameTokens() {
        FitData data = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 20, 1, 1e8, 1e10, 2e10, 2e10, 0, 1);

        FitOutcome outcome = fitter.fit(LawForms.require("chinchilla"), data, OPTIONS);

        assertThat(((FitFailure) outcome).reason()).isEqualTo(Reason.NO_SPREAD);
        assertThat(((FitFailure) outcome).message()).contains("token count D");
    }

    @Test
    void powerLawInComputeFailsWithNoSpreadOnAnIsoFlopProfile() {
        double[] parameters = new double[10];
        double[] tokens = new double[10];
        double[] loss = new double[10];
        for (int i = 0; i < 10; i++) {
            parameters[i] = 1e8 * Math.pow(2, i);
            tokens[i] = 1e20 / 6 / parameters[i];
            loss[i] = SyntheticRuns.HOFFMANN.loss(parameters[i], tokens[i]);
        }
        double[] flops = new double[10];
        Arrays.fill(flops, 1e20);

        FitOutcome outcome = fitter.fit(LawForms.require("power-law-flops"),
                new FitData(parameters, tokens, flops, loss), OPTIONS);

        assertThat(((FitFailure) outcome).reason()).isEqualTo(Reason.NO_SPREAD);
    }

    @Test
    void failsWithInvalidDataOnNonPositiveOrNonFiniteValues() {
        FitData good = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 4, 4, 0, 1);
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] loss = good.loss();
            loss[5] = bad;
            FitOutcome outcome = fitter.fit(LawForms.require("chinchilla"),
                    new FitData(good.parameters(), good.tokens(), good.flops(), loss), OPTIONS);
            assertThat(((FitFailure) outcome).reason()).as("loss %s", bad).isEqualTo(Reason.INVALID_DATA);
        }
    }

    @Test
    void emptyDataIsTooFewRuns() {
        FitData empty = new FitData(new double[0], new double[0], new double[0], new double[0]);

        assertThat(((FitFailure) fitter.fit(LawForms.require("kaplan"), empty, OPTIONS)).reason())
                .isEqualTo(Reason.TOO_FEW_RUNS);
    }

    @Test
    void rejectsArraysOfDifferentLengthsAndOptionsOutOfRange() {
        assertThatThrownBy(() -> new FitData(new double[2], new double[2], new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FitOptions.defaults().withConfidenceLevel(1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FitOptions.defaults().withBootstrap(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FitOptions.defaults().withHoldoutFraction(1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holdoutIsNullWhenTheRemainingRunsCannotBeFitted() {
        FitData eight = SyntheticRuns.grid(SyntheticRuns.HOFFMANN, 4, 2, 0.01, 1);

        FitOutcome outcome = fitter.fit(LawForms.require("chinchilla"), eight, OPTIONS.withHoldoutFraction(0.3));

        assertThat(outcome).isInstanceOfSatisfying(Fit.class, fit -> {
            assertThat(fit.holdout()).isNull();
            FitAssertions.assertAllFinite(fit);
        });
    }

    private static double[] repeat(double[] values) {
        double[] twice = Arrays.copyOf(values, values.length * 3);
        System.arraycopy(values, 0, twice, values.length, values.length);
        System.arraycopy(values, 0, twice, 2 * values.length, values.length);
        return twice;
    }
}
