package dev.scaleplan.fitting;

import dev.scaleplan.fitting.RobustLevenbergMarquardt.Result;
import dev.scaleplan.fitting.RobustLevenbergMarquardt.Tolerance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Minimises from every start of a grid, in parallel: each start runs to a screening tolerance,
 * then the best few distinct optima are polished to a tight one and the lowest wins. Ties break by
 * start order, so the result does not depend on thread scheduling.
 */
final class MultiStart {

    /** How many of the best distinct screened optima are polished. */
    private static final int CANDIDATES = 6;

    /** Optima closer than this (max-norm, internal parameters) count as the same. */
    private static final double SAME_OPTIMUM = 1e-4;

    private MultiStart() {
    }

    /** The best optimum found, or null when no start reached a finite objective. */
    static Result minimise(LogLossProblem problem, List<double[]> starts, ForkJoinPool pool) {
        Result[] screened = pool.submit(() -> IntStream.range(0, starts.size()).parallel()
                .mapToObj(i -> RobustLevenbergMarquardt.minimise(problem, starts.get(i), Tolerance.SCREENING))
                .toArray(Result[]::new)).join();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < screened.length; i++) {
            if (screened[i].isFinite()) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> screened[i].objective()).thenComparingInt(i -> i));
        List<double[]> candidates = new ArrayList<>();
        for (int i : order) {
            double[] theta = screened[i].theta();
            if (candidates.stream().noneMatch(kept -> distance(kept, theta) < SAME_OPTIMUM)) {
                candidates.add(theta);
                if (candidates.size() == CANDIDATES) {
                    break;
                }
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        Result[] polished = pool.submit(() -> candidates.parallelStream()
                .map(theta -> RobustLevenbergMarquardt.minimise(problem, theta, Tolerance.POLISHING))
                .toArray(Result[]::new)).join();
        Result best = null;
        for (Result result : polished) {
            if (result.isFinite() && (best == null || result.objective() < best.objective())) {
                best = result;
            }
        }
        return best;
    }

    private static double distance(double[] a, double[] b) {
        double max = 0;
        for (int j = 0; j < a.length; j++) {
            max = Math.max(max, Math.abs(a[j] - b[j]));
        }
        return max;
    }
}
