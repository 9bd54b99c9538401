package dev.scaleplan.fitting;

import dev.scaleplan.fitting.RobustLevenbergMarquardt.Result;
import dev.scaleplan.fitting.RobustLevenbergMarquardt.Tolerance;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Nonparametric bootstrap over runs: each draw resamples the runs with replacement (as integer
 * multiplicities in the objective) and refits from the best fit. Draw {@code j} uses its own random
 * stream derived from {@code (seed, j)}, so the draws do not depend on thread scheduling.
 */
final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * Natural parameters of each successful draw, in draw order; failed draws are left out, and so are
     * the draws not made once the monitor asked to stop.
     */
    static double[][] draws(LogLossProblem problem, FitData data, double[] bestInternal, int count, long seed,
                            ForkJoinPool pool, FitMonitor monitor) {
        LawForm form = problem.form();
        int n = problem.size();
        AtomicInteger done = new AtomicInteger();
        int reportEvery = Math.max(1, count / 100);
        return pool.submit(() -> IntStream.range(0, count).parallel().mapToObj(draw -> {
            if (monitor.stop() != null) {
                return null;
            }
            double[] natural = refit(problem, data, form, n, bestInternal, seed, draw);
            int finished = done.incrementAndGet();
            if (finished % reportEvery == 0) {
                monitor.progress(FitMonitor.Phase.BOOTSTRAP, (double) finished / count);
            }
            return natural;
        }).filter(Objects::nonNull).toArray(double[][]::new)).join();
    }

    private static double[] refit(LogLossProblem problem, FitData data, LawForm form, int n, double[] bestInternal,
                                  long seed, int draw) {
        SplittableRandom random = new SplittableRandom(streamSeed(seed, draw));
        double[] multiplicity = new double[n];
        for (int i = 0; i < n; i++) {
            multiplicity[random.nextInt(n)]++;
        }
        if (DataChecks.check(form, data.select(present(multiplicity)), 1).isPresent()) {
            return null;
        }
        Result result = RobustLevenbergMarquardt.minimise(problem.weighted(multiplicity), bestInternal,
                Tolerance.BOOTSTRAP);
        if (!result.isFinite() || !result.converged()) {
            return null;
        }
        double[] natural = form.toNatural(result.theta());
        return Arrays.stream(natural).allMatch(Double::isFinite) ? natural : null;
    }

    private static int[] present(double[] multiplicity) {
        return IntStream.range(0, multiplicity.length).filter(i -> multiplicity[i] > 0).toArray();
    }

    /** A well-mixed seed per draw (Stafford's mix 13, as in SplittableRandom), so streams do not overlap. */
    static long streamSeed(long seed, long draw) {
        long z = seed + (draw + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
