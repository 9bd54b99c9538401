package dev.scaleplan.fitting;

import dev.scaleplan.fitting.RobustLevenbergMarquardt.Result;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Whether a form's {@link LawForm#screenedShare()} keeps the optimum: on a range of synthetic data sets (three
 * laws, 60–1,200 runs, σ from 0.01 to 0.15, with and without 10% outliers), fits with every approached start
 * converged and with only the given share, and counts the data sets where the share ended higher (relative 1e-9).
 * Not a test (it takes minutes); its figures are in BENCHMARKS.md.
 *
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
 *     dev.scaleplan.fitting.ScreenedShareSurvey chinchilla 0.2 [seeds]</pre>
 */
public final class ScreenedShareSurvey {

    private static final ScalingLaw[] LAWS = {SyntheticRuns.HOFFMANN, SyntheticRuns.BESIROGLU, SyntheticRuns.KAPLAN};
    private static final int[] SIZES = {60, 150, 240, 400, 800, 1200};
    private static final double[] SIGMAS = {0.01, 0.05, 0.15};
    private static final double[] OUTLIERS = {0, 0.1};

    private ScreenedShareSurvey() {
    }

    public static void main(String[] args) {
        LawForm form = LawForms.require(args[0]);
        double share = Double.parseDouble(args[1]);
        int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        int dataSets = 0;
        int higher = 0;
        long everyStartNanos = 0;
        long shareNanos = 0;
        for (ScalingLaw law : LAWS) {
            for (int size : SIZES) {
                for (double sigma : SIGMAS) {
                    for (double outliers : OUTLIERS) {
                        for (long seed = 1; seed <= seeds; seed++) {
                            FitData data = SyntheticRuns.scattered(law, size, sigma, outliers, seed);
                            LogLossProblem problem = LogLossProblem.of(form, data, Objective.HUBER,
                                    FitOptions.DEFAULT_HUBER_DELTA);
                            long start = System.nanoTime();
                            Result everyStart = MultiStart.minimise(problem, form.startingGrid(), 1, pool,
                                    FitMonitor.NONE, FitMonitor.Phase.GRID);
                            long middle = System.nanoTime();
                            Result shared = MultiStart.minimise(problem, form.startingGrid(), share, pool,
                                    FitMonitor.NONE, FitMonitor.Phase.GRID);
                            shareNanos += System.nanoTime() - middle;
                            everyStartNanos += middle - start;
                            dataSets++;
                            if (objective(shared) > objective(everyStart) * (1 + 1e-9) + 1e-24) {
                                higher++;
                                System.out.printf(Locale.ROOT, "higher: %s, %d runs, sigma %.2f, outliers %.1f, seed %d:"
                                                + " %.15g against %.15g%n", law, size, sigma, outliers, seed,
                                        objective(shared), objective(everyStart));
                            }
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s, share %.2f: higher objective on %d of %d data sets; mean fit %.0f ms with"
                        + " every start converged, %.0f ms with the share%n", form.id(), share, higher, dataSets,
                everyStartNanos / 1e6 / dataSets, shareNanos / 1e6 / dataSets);
    }

    private static double objective(Result result) {
        return result == null || !result.converged() ? Double.POSITIVE_INFINITY : result.objective();
    }
}
