package dev.scaleplan.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunSampleTest {

    private static List<PlotInputs.PlottedRun> runs(int count, long seed) {
        Random random = new Random(seed);
        List<PlotInputs.PlottedRun> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double flops = 1e18 * Math.pow(1e4, random.nextDouble());
            runs.add(new PlotInputs.PlottedRun(1e8, flops / 6e8, flops, 2 + random.nextDouble(), false));
        }
        return runs;
    }

    @Test
    void keepsEveryRunUpToTheBoundAndSaysNothing() {
        RunSample sample = RunSample.of(runs(2_000, 1));
        assertThat(sample.shown()).hasSize(2_000);
        assertThat(sample.thinned()).isFalse();
        assertThat(sample.caption()).isEmpty();
    }

    @Test
    void thinsALargeSweepToTheBoundSpanningTheSameComputeAndSaysSo() {
        List<PlotInputs.PlottedRun> all = runs(205_000, 2);
        RunSample sample = RunSample.of(all);

        assertThat(sample.shown()).hasSize(RunSample.MAX_SHOWN);
        assertThat(sample.caption()).isEqualTo("2,000 of 205,000 runs shown, evenly spaced in compute");
        double min = all.stream().mapToDouble(PlotInputs.PlottedRun::flops).min().orElseThrow();
        double max = all.stream().mapToDouble(PlotInputs.PlottedRun::flops).max().orElseThrow();
        assertThat(sample.shown().get(0).flops()).isEqualTo(min);
        assertThat(sample.shown().get(RunSample.MAX_SHOWN - 1).flops()).isEqualTo(max);
        // Evenly spaced ranks keep the sweep's density: half the sample lies below the median compute.
        double median = all.stream().mapToDouble(PlotInputs.PlottedRun::flops).sorted().skip(all.size() / 2).findFirst()
                .orElseThrow();
        assertThat(sample.shown().stream().filter(r -> r.flops() < median).count()).isBetween(990L, 1010L);
    }

    @Test
    void theSameRunsInAnotherOrderGiveTheSameSample() {
        List<PlotInputs.PlottedRun> all = runs(10_000, 3);
        List<PlotInputs.PlottedRun> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        assertThat(RunSample.of(reversed, 500).shown()).isEqualTo(RunSample.of(all, 500).shown());
    }
}
