package dev.scaleplan.bench;

import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitData;
import dev.scaleplan.fitting.FitOptions;
import dev.scaleplan.fitting.FitOutcome;
import dev.scaleplan.fitting.LawForm;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.ScalingLawFitter;
import dev.scaleplan.fitting.SyntheticRuns;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Chinchilla fits on the 240-run benchmark data set ({@link SyntheticRuns#benchmark()}): the full
 * 4,500-start grid, and 1,000 bootstrap refits warm-started from the best fit; and how the cost grows
 * with the data: a fit plus 1,000 refits on sweeps of 240, 5,000 and 50,000 runs
 * ({@link SyntheticRuns#sweep(int)}). Not a test: run it with {@code org.openjdk.jmh.Main FitBenchmark}
 * or this class's {@code main} (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class FitBenchmark {

    private final ScalingLawFitter fitter = new ScalingLawFitter();
    private final LawForm chinchilla = LawForms.require("chinchilla");
    private FitData data;
    private FitOptions gridOnly;
    private FitOptions withBootstrap;
    private FitOptions withHoldout;
    private List<double[]> bestFit;

    @Setup
    public void setUp() {
        data = SyntheticRuns.benchmark();
        gridOnly = FitOptions.defaults().withBootstrap(0).withHoldoutFraction(0);
        withBootstrap = gridOnly.withBootstrap(1000).withSeed(1);
        withHoldout = gridOnly.withHoldoutFraction(0.1);
        Fit fit = (Fit) fitter.fit(chinchilla, data, gridOnly);
        bestFit = List.of(fit.estimate());
        System.out.printf("%nbenchmark data: %d runs, objective at the best fit %.15g, estimate %s%n",
                data.size(), fit.objective(), fit.parameters());
    }

    /** Every one of Hoffmann's 4,500 starts optimised, best few polished; no bootstrap. */
    @Benchmark
    public FitOutcome fullGrid() {
        return fitter.fit(chinchilla, data, gridOnly);
    }

    /**
     * The full grid with the held-out check (the 10% largest-compute runs left out and predicted), whose
     * refit polishes the full fit's screened basins; no bootstrap.
     */
    @Benchmark
    public FitOutcome fullGridWithHoldout() {
        return fitter.fit(chinchilla, data, withHoldout);
    }

    /** 1,000 bootstrap refits, each warm-started from the best fit (plus one polish of that fit). */
    @Benchmark
    public FitOutcome bootstrap1000() {
        return fitter.fitFrom(chinchilla, data, withBootstrap, bestFit);
    }

    /** What a client waits for: the full grid then 1,000 bootstrap refits. */
    @Benchmark
    public FitOutcome fullGridAndBootstrap1000() {
        return fitter.fit(chinchilla, data, withBootstrap);
    }

    /** A sweep of {@code runs} runs with every run its own (N, D). */
    @State(Scope.Benchmark)
    public static class Sweep {
        @Param({"240", "5000", "50000"})
        public int runs;
        FitData data;

        @Setup
        public void setUp() {
            data = SyntheticRuns.sweep(runs);
        }
    }

    /** What a client of a large sweep waits for: the full grid then 1,000 bootstrap refits, by data size. */
    @Benchmark
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public FitOutcome sweepFitAndBootstrap1000(Sweep sweep) {
        return fitter.fit(chinchilla, sweep.data, withBootstrap);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(FitBenchmark.class.getSimpleName()).build()).run();
    }
}
