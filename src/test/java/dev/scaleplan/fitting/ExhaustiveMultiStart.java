package dev.scaleplan.fitting;

import dev.scaleplan.fitting.RobustLevenbergMarquardt.Result;
import dev.scaleplan.fitting.RobustLevenbergMarquardt.Tolerance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The multi-start search as it was before screening moved to a subsample (commit b0dce3a), kept as
 * the reference the production {@link MultiStart} must match or beat: every start converges on all
 * runs. Minimises from every start of a grid, in parallel, then polishes the best few distinct optima
 * to a tight tolerance and keeps the lowest. Ties break by start order, so the result does not
 * depend on thread scheduling.
 *
 * <p>Each start is solved coarse to fine: from the grid point it first approaches on every 16th,
 * then every 4th run (ordered by compute), then converges on all runs. Far from the data, a start
 * spends most of its iterations crossing plateaus where a log-sum-exp term is negligible, which is
 * as slow on a subsample as on all runs but several times cheaper; the final minimisation on all
 * runs is the same as without the ladder. A level is used only if it keeps at least
 * {@value #MIN_RUNS_PER_LEVEL} runs.
 */
final class ExhaustiveMultiStart {

    /** How many of the best distinct screened optima are polished. */
    private static final int CANDIDATES = 6;

    /** Optima closer than this (max-norm, internal parameters) count as the same. */
    private static final double SAME_OPTIMUM = 1e-4;

    /** Strides of the coarse levels, coarsest first. */
    private static final int[] LADDER = {16, 4};

    static final int MIN_RUNS_PER_LEVEL = 15;

    private ExhaustiveMultiStart() {
    }

    /** The best optimum found, or null when no start reached a finite objective. */
    static Result minimise(LogLossProblem problem, List<double[]> starts, ForkJoinPool pool) {
        List<LogLossProblem> ladder = new ArrayList<>();
        for (int stride : LADDER) {
            if (problem.size() >= MIN_RUNS_PER_LEVEL * stride) {
                ladder.add(problem.subsample(stride));
            }
        }
        Result[] screened = pool.submit(() -> IntStream.range(0, starts.size()).parallel()
                .mapToObj(i -> {
                    double[] start = starts.get(i);
                    for (LogLossProblem coarse : ladder) {
                        Result approach = RobustLevenbergMarquardt.minimise(coarse, start, Tolerance.APPROACH);
                        if (approach.isFinite()) {
                            start = approach.theta();
                        }
                    }
                    return RobustLevenbergMarquardt.minimise(problem, start, Tolerance.SCREENING);
                })
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
