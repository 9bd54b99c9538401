package dev.scaleplan.plots;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The runs a plot draws: all of them up to a bound, else an even sample across compute, so a plot
 * of 200,000 runs is as small and as quick as one of 2,000. The sample takes runs at evenly spaced
 * ranks in compute (the smallest and the largest always), so it spans the same range and keeps
 * the density of the sweep along the axis; the same runs give the same sample.
 *
 * @param shown the runs to draw
 * @param total how many runs there are
 */
public record RunSample(List<PlotInputs.PlottedRun> shown, int total) {

    /** The most runs one plot draws. */
    public static final int MAX_SHOWN = 2_000;

    public RunSample {
        shown = List.copyOf(shown);
    }

    public static RunSample of(List<PlotInputs.PlottedRun> runs) {
        return of(runs, MAX_SHOWN);
    }

    public static RunSample of(List<PlotInputs.PlottedRun> runs, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("a sample needs at least 2 runs: " + max);
        }
        if (runs.size() <= max) {
            return new RunSample(runs, runs.size());
        }
        List<PlotInputs.PlottedRun> byCompute = new ArrayList<>(runs);
        byCompute.sort(Comparator.comparingDouble(PlotInputs.PlottedRun::flops)
                .thenComparingDouble(PlotInputs.PlottedRun::loss));
        List<PlotInputs.PlottedRun> shown = new ArrayList<>(max);
        int last = byCompute.size() - 1;
        for (int i = 0; i < max; i++) {
            shown.add(byCompute.get((int) Math.round((double) i * last / (max - 1))));
        }
        return new RunSample(shown, runs.size());
    }

    public boolean thinned() {
        return shown.size() < total;
    }

    /** What the plot shows, e.g. "2,000 of 205,000 runs shown, evenly spaced in compute"; empty when all are. */
    public String caption() {
        return thinned() ? String.format(Locale.ROOT, "%,d of %,d runs shown, evenly spaced in compute", shown.size(),
                total) : "";
    }
}
