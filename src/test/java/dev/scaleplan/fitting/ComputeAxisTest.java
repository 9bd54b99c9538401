package dev.scaleplan.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/** The compute axis under each FLOPs convention, on runs shaped like Kaplan et al.'s (d_model = 64·n_layer). */
class ComputeAxisTest {

    private static final double NaN = Double.NaN;
    private static final int[] LAYERS = {4, 8, 12, 24, 48};
    private static final double CONTEXT = 2048;

    /** Non-embedding N ≈ 12·n_layer·d_model² (Kaplan et al. 2020, Table 1). */
    private static double parameters(int layers) {
        double width = 64.0 * layers;
        return 12 * layers * width * width;
    }

    private static double attention(int layers) {
        return ComputeAxis.attentionFlopsPerToken(layers, CONTEXT, 64.0 * layers);
    }

    private static ComputeAxis axis(FlopsConvention convention, double[] givenFlops, double[] attention) {
        double[] n = new double[LAYERS.length];
        double[] d = new double[LAYERS.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = parameters(LAYERS[i]);
            d[i] = 20 * n[i];
        }
        return new ComputeAxis(convention, 6, n, d, givenFlops, attention);
    }

    private static double[] filled(double value) {
        double[] values = new double[LAYERS.length];
        java.util.Arrays.fill(values, value);
        return values;
    }

    private static double[] attentionTerms() {
        double[] a = new double[LAYERS.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = attention(LAYERS[i]);
        }
        return a;
    }

    @Test
    void sixNIsKTimesNTimesDAndIgnoresUploadedFlops() {
        ComputeAxis axis = axis(FlopsConvention.SIX_N, filled(1e30), filled(NaN));

        double[] flops = axis.flops();

        for (int i = 0; i < flops.length; i++) {
            double n = parameters(LAYERS[i]);
            assertThat(flops[i]).isEqualTo(6 * n * 20 * n);
        }
        assertThat(axis.runsMissingInputs()).isEmpty();
        assertThat(axis.trainingFlops()).isEqualTo(TrainingFlops.linear(6));
    }

    @Test
    void attentionAddsSixLayersContextWidthPerTokenAndIsInterpolatedBetweenRuns() {
        ComputeAxis axis = axis(FlopsConvention.SIX_N_ATTENTION, filled(NaN), attentionTerms());

        double[] flops = axis.flops();
        TrainingFlops perToken = axis.trainingFlops();

        for (int i = 0; i < flops.length; i++) {
            double n = parameters(LAYERS[i]);
            double expected = (6 * n + 6 * LAYERS[i] * CONTEXT * 64.0 * LAYERS[i]) * 20 * n;
            assertThat(flops[i]).isCloseTo(expected, withinPercentage(1e-12));
            assertThat(perToken.perToken(n) * 20 * n).isCloseTo(expected, withinPercentage(1e-9));
        }
        // Between and beyond the runs, the attention term of a model with d = 64·n_layer follows N^(2/3) exactly.
        for (int layers : new int[] {6, 16, 32, 96}) {
            double n = parameters(layers);
            assertThat(perToken.perToken(n)).isCloseTo(6 * n + attention(layers), withinPercentage(1e-6));
            assertThat(perToken.parametersFor(6 * n + attention(layers))).isCloseTo(n, withinPercentage(1e-6));
        }
        assertThat(perToken.extrapolates(parameters(96))).isTrue();
        assertThat(perToken.extrapolates(parameters(16))).isFalse();
        assertThat(perToken.interpolationRange()).contains(new Range(parameters(4), parameters(48)));
    }

    @Test
    void givenUsesEachRunsUploadedFlopsAndInterpolatesFlopsPerToken() {
        double[] given = new double[LAYERS.length];
        for (int i = 0; i < given.length; i++) {
            double n = parameters(LAYERS[i]);
            given[i] = 7.2 * n * 20 * n;
        }
        ComputeAxis axis = axis(FlopsConvention.GIVEN, given, filled(NaN));

        assertThat(axis.flops()).containsExactly(given);
        TrainingFlops perToken = axis.trainingFlops();
        assertThat(perToken.perToken(3e9)).isCloseTo(7.2 * 3e9, withinPercentage(1e-9));
        assertThat(perToken.parametersFor(7.2 * 3e9)).isCloseTo(3e9, withinPercentage(1e-9));
    }

    @Test
    void namesTheRunsThatLackWhatTheConventionNeeds() {
        double[] attention = attentionTerms();
        attention[1] = NaN;
        attention[3] = NaN;
        double[] given = filled(1e20);
        given[4] = NaN;

        assertThat(axis(FlopsConvention.SIX_N_ATTENTION, filled(NaN), attention).runsMissingInputs()).containsExactly(1, 3);
        assertThat(axis(FlopsConvention.GIVEN, given, filled(NaN)).runsMissingInputs()).containsExactly(4);
        assertThatIllegalStateException().isThrownBy(() -> axis(FlopsConvention.GIVEN, given, filled(NaN)).flops());
    }
}
