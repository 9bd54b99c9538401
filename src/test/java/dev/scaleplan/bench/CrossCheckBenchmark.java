package dev.scaleplan.bench;

import java.util.concurrent.TimeUnit;

import dev.scaleplan.fitting.Backtest;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitData;
import dev.scaleplan.fitting.FitOptions;
import dev.scaleplan.fitting.IsoFlopAnalyser;
import dev.scaleplan.fitting.IsoFlopAnalysis;
import dev.scaleplan.fitting.IsoFlopData;
import dev.scaleplan.fitting.IsoFlopOptions;
import dev.scaleplan.fitting.IsoFlopOutcome;
import dev.scaleplan.fitting.IsoFlopSweeps;
import dev.scaleplan.fitting.LawForm;
import dev.scaleplan.fitting.LawBacktest;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.ScalingLawFitter;
import dev.scaleplan.fitting.SyntheticRuns;
import dev.scaleplan.planning.AllocationDrift;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The cross-checks: an IsoFLOP analysis of 1,000 runs in 10 budgets (100 model sizes each,
 * Besiroglu et al.'s law, 1% noise) with 1,000 bootstrap draws, and the backtest of a Chinchilla fit on
 * the 240-run benchmark data set as {@code GET /fits/{id}/backtest} makes it (the grid screened once, 5
 * cut-off refits from its basins with 40 draws each, the allocation drift). Not a test: see BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CrossCheckBenchmark {

    private final IsoFlopAnalyser analyser = new IsoFlopAnalyser();
    private final ScalingLawFitter fitter = new ScalingLawFitter();
    private final LawForm chinchilla = LawForms.require("chinchilla");
    private IsoFlopData sweep;
    private IsoFlopOptions options;
    private FitData runs;
    private FitOptions refitOptions;
    private Fit full;

    @Setup
    public void setUp() {
        double[] budgets = new double[10];
        for (int i = 0; i < budgets.length; i++) {
            budgets[i] = 1e18 * Math.pow(10, i / 3.0);
        }
        sweep = IsoFlopSweeps.sweep(SyntheticRuns.BESIROGLU, budgets, 100, 4, 0.01, 2024);
        options = IsoFlopOptions.defaults().withBootstrap(1000).withSeed(1);
        IsoFlopAnalysis analysis = (IsoFlopAnalysis) analyser.analyse(sweep, options);
        System.out.printf("%nisoflop: %d runs, %d usable budgets, %d draws, a = %s%n", sweep.size(),
                analysis.usableBudgets().size(), analysis.bootstrapSize(), analysis.parametersExponent());
        runs = SyntheticRuns.benchmark();
        refitOptions = FitOptions.defaults().withBootstrap(0).withHoldoutFraction(0);
        full = (Fit) fitter.fit(chinchilla, runs, refitOptions);
        System.out.printf("backtest: %s%ndrift: %s%n", backtest().size(), drift.sentence().orElse("none"));
    }

    /** 1,000 runs, 10 budgets, 1,000 bootstrap draws. */
    @Benchmark
    public IsoFlopOutcome isoflop1000Runs1000Draws() {
        return analyser.analyse(sweep, options);
    }

    /** Backtest of a Chinchilla fit on 240 runs: 5 full-grid refits and their predictions. */
    @Benchmark
    public List<Backtest.Point> backtest240Runs() {
        return backtest();
    }

    /**
     * What {@code GET /fits/{id}/backtest} computes on a first request: the grid screened once, five
     * cut-off refits polishing its basins with 40 bootstrap draws each, then the allocation drift of
     * each refit (and its draws) at 10× the largest run's compute.
     */
    private List<Backtest.Point> backtest() {
        List<Backtest.Point> points = new LawBacktest(fitter).run(chinchilla, runs, refitOptions, 40);
        List<AllocationDrift.Refit> refits = points.stream().map(point -> new AllocationDrift.Refit(point.cutoffFlops(),
                (double) point.runsPredicted() / (point.runsFitted() + point.runsPredicted()),
                chinchilla.law(point.refitParameters(), 6), java.util.Arrays.stream(point.refitDraws())
                .map(draw -> chinchilla.law(draw, 6)).toList())).toList();
        double flops = 10 * java.util.Arrays.stream(runs.flops()).max().orElseThrow();
        drift = AllocationDrift.at(full.law(), refits, flops, 6, 0.9);
        return points;
    }

    /** The last backtest's drift (kept so that JMH cannot drop its computation). */
    public AllocationDrift drift;

    public static void main(String[] args) throws RunnerException {
        if (args.length > 0 && args[0].equals("cpu")) {
            cpuTime();
            return;
        }
        new Runner(new OptionsBuilder().include(CrossCheckBenchmark.class.getSimpleName()).build()).run();
    }

    /**
     * CPU time per operation (all threads of this JVM, from the process CPU clock) beside wall-clock time:
     * on a machine shared with other builds, CPU time is the figure that does not grow with their load.
     */
    private static void cpuTime() {
        CrossCheckBenchmark bench = new CrossCheckBenchmark();
        bench.setUp();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        measure("isoflop1000Runs1000Draws", 20, 40, bench::isoflop1000Runs1000Draws, os);
        measure("backtest240Runs", 1, 3, bench::backtest240Runs, os);
    }

    private static void measure(String name, int warmup, int count, Runnable operation,
                                com.sun.management.OperatingSystemMXBean os) {
        for (int i = 0; i < warmup; i++) {
            operation.run();
        }
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < count; i++) {
            operation.run();
        }
        System.out.printf("%s: %.1f ms CPU/op, %.1f ms wall/op over %d ops (load average %.1f)%n", name,
                (os.getProcessCpuTime() - cpu) / 1e6 / count, (System.nanoTime() - wall) / 1e6 / count, count,
                os.getSystemLoadAverage());
    }
}
