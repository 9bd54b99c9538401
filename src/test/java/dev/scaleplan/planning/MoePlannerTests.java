package dev.scaleplan.planning;

import dev.scaleplan.fitting.Estimate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import dev.scaleplan.fitting.DownstreamShape;
import dev.scaleplan.fitting.MetricLaw;
import dev.scaleplan.fitting.MoeLaw;
import org.junit.jupiter.api.Test;

class MoePlannerTests {

    private static final MoeLaw LAW = new MoeLaw(-0.082, -0.108, 0.0039, 2.542, 1.847, 314.883);
    private static final List<MoeLaw> DRAWS = List.of(new MoeLaw(-0.080, -0.105, 0.0039, 2.50, 1.847, 314.883),
            new MoeLaw(-0.084, -0.111, 0.0039, 2.58, 1.847, 314.883));

    @Test
    void aRoutedOptionKeepsComputeAndTokensAddsTotalParametersAndLowersTheLoss() {
        MoePlanner planner = new MoePlanner(LAW, List.copyOf(DRAWS), 0.9);

        MoeOption dense = planner.option(1, 1e9, 2e10, 1.2e20, 0.5, 2, AcceleratorCatalogue.all());
        MoeOption routed = planner.option(8, 1e9, 2e10, 1.2e20, 0.5, 2, AcceleratorCatalogue.all());

        assertThat(routed.flops()).isEqualTo(dense.flops());
        assertThat(routed.tokens()).isEqualTo(dense.tokens());
        assertThat(routed.totalParameters()).isCloseTo(1e9 * (1 + 0.5 * 7), within(1.0));
        assertThat(routed.loss().estimate()).isLessThan(dense.loss().estimate());
        assertThat(routed.loss().lower()).isLessThanOrEqualTo(routed.loss().upper());
        assertThat(routed.effectiveParameters().estimate()).isGreaterThan(1e9);
        assertThat(dense.effectiveParameters().estimate()).isCloseTo(1e9, within(1e3));
        // 4.5e9 parameters in BF16 = 9e9 bytes: one 80 GB H100 holds them.
        assertThat(routed.memory().weightsBytes()).isCloseTo(9e9, within(1.0));
        assertThat(routed.memory().acceleratorsToHoldWeights()).containsEntry("h100-sxm", 1L);
    }

    @Test
    void weightsThatExceedOneAcceleratorNeedSeveral() {
        WeightsMemory memory = WeightsMemory.of(1e12, WeightsMemory.BF16_BYTES, AcceleratorCatalogue.all());

        assertThat(memory.weightsBytes()).isEqualTo(2e12);
        assertThat(memory.acceleratorsToHoldWeights()).containsEntry("h100-sxm", 25L).containsEntry("mi300x", 11L);
    }

    @Test
    void expertShareIsTheMedianReplicatedShareOfRoutedRuns() {
        double[] active = {1e8, 1e8, 2e8, 2e8};
        double[] total = {1e8, 1e8 * (1 + 0.3 * 7), 2e8 * (1 + 0.35 * 15), 2e8 * (1 + 0.4 * 3)};
        double[] experts = {1, 8, 16, 4};

        assertThat(MoePlanner.expertShare(active, total, experts).getAsDouble()).isCloseTo(0.35, within(1e-9));
        assertThat(MoePlanner.expertShare(active, active, new double[] {1, 1, 1, 1})).isEmpty();
    }

    @Test
    void rejectsImpossibleOptions() {
        MoePlanner planner = new MoePlanner(LAW, List.of(), 0.9);
        assertThatThrownBy(() -> planner.option(0, 1e9, 2e10, 1.2e20, 0.5, 2, AcceleratorCatalogue.all()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> planner.option(8, 1e9, 2e10, 1.2e20, 1.5, 2, AcceleratorCatalogue.all()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMetricForecastCarriesTheLossBandThroughTheDownstreamDraws() {
        MetricLaw best = new MetricLaw(DownstreamShape.EXPONENTIAL, new double[] {0.75, 2.2, 0.9}, true, true);
        List<MetricLaw> draws = List.of(new MetricLaw(DownstreamShape.EXPONENTIAL, new double[] {0.74, 2.2, 0.9}, true, true),
                new MetricLaw(DownstreamShape.EXPONENTIAL, new double[] {0.76, 2.2, 0.9}, true, true));

        ChainedForecast.Metric metric = new ChainedForecast.Metric(best, draws, 0);
        Estimate narrow = ChainedForecast.forecast(ChainedForecast.Predictor.confidence(2.5, new double[] {2.5, 2.5}),
                metric, 0.9, 1);
        Estimate wide = ChainedForecast.forecast(ChainedForecast.Predictor.confidence(2.5, new double[] {2.3, 2.7}),
                metric, 0.9, 1);
        Estimate exact = ChainedForecast.forecast(ChainedForecast.Predictor.confidence(2.5, new double[0]),
                new ChainedForecast.Metric(best, List.of(), 0), 0.9, 1);

        assertThat(narrow.estimate()).isCloseTo(1 - (0.75 - 2.2 * Math.exp(-0.9 * 2.5)), within(1e-12));
        assertThat(wide.upper() - wide.lower()).isGreaterThan(narrow.upper() - narrow.lower());
        assertThat(exact.lower()).isEqualTo(exact.upper()).isEqualTo(exact.estimate());
    }
}
