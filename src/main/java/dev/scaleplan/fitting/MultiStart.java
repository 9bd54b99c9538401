package dev.scaleplan.fitting;

import dev.scaleplan.fitting.RobustLevenbergMarquardt.Result;
import dev.scaleplan.fitting.RobustLevenbergMarquardt.Tolerance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Minimises from every start of a grid, in parallel, then polishes the best few distinct optima
 * (basins) to a tight tolerance on all runs and keeps the lowest. Ties break by start order, so the
 * result does not depend on thread scheduling.
 *
 * <p>Screening, the search from each start, costs starts × iterations × runs; it runs on at most
 * about {@value #SCREENING_RUNS} runs (every k-th by compute, so the subsample spans the same range),
 * which makes its cost independent of the data size. Only polishing sees all runs, from
 * {@value #SUBSAMPLE_CANDIDATES} distinct basins when screening used a subsample (more than the
 * {@value #CANDIDATES} kept when it used every run, because a subsample can rank close basins
 * differently). On more than {@value #PRE_POLISHING_RUNS}·2 runs, polishing itself is staged: the
 * candidates are polished on at most {@value #PRE_POLISHING_RUNS} runs and only the {@value #FINALISTS} best
 * distinct on all. {@code MultiStartTest} checks that the result is at least as low as screening every
 * start on all runs.
 *
 * <p>Each start is screened coarse to fine: it first approaches on every 16th, then every 4th run
 * of the screening set, then converges on the whole set. Far from the data, a start spends most
 * of its iterations crossing plateaus where a log-sum-exp term is negligible, which is as slow on a
 * subsample as on all runs but several times cheaper. A level is used only if it keeps at least
 * {@value #MIN_RUNS_PER_LEVEL} runs. After the approach, the starts are ranked by the objective on
 * the screening set where they arrived, and only the form's {@link LawForm#screenedShare()} of them (at
 * least {@value #MIN_SCREENED}) converges on it: most approaches end on a plateau or a degenerate basin
 * (a term vanished) that converging would not leave.
 */
final class MultiStart {

    /** How many of the best distinct screened optima are polished when screening used every run. */
    private static final int CANDIDATES = 6;

    /** How many are polished when screening used a subsample. */
    private static final int SUBSAMPLE_CANDIDATES = 12;

    /** The most runs screening uses. */
    static final int SCREENING_RUNS = 480;

    /**
     * Above twice this many runs, the candidates are first polished on every k-th run (at most this many),
     * and only the {@value #FINALISTS} best distinct of those on all runs.
     */
    static final int PRE_POLISHING_RUNS = 4_800;

    /** Candidates polished on all runs after pre-polishing. */
    private static final int FINALISTS = 3;

    /** Optima closer than this (max-norm, internal parameters) count as the same. */
    private static final double SAME_OPTIMUM = 1e-4;

    /** Strides of the coarse levels, coarsest first. */
    private static final int[] LADDER = {16, 4};

    static final int MIN_RUNS_PER_LEVEL = 15;

    /** The fewest approached starts converged on the whole screening set, whatever the form's share. */
    static final int MIN_SCREENED = 100;

    /** Shares of a search's progress reported when the approaches, then the screening, are done; polishing the rest. */
    private static final double APPROACHED = 0.3;
    private static final double SCREENED = 0.9;

    /** Progress is reported about this many times per search. */
    private static final int PROGRESS_STEPS = 50;

    private MultiStart() {
    }

    /**
     * The best optimum found, or null when no start reached a finite objective or the monitor asked
     * to stop (the caller tells the two apart by asking the monitor).
     */
    static Result minimise(LogLossProblem problem, List<double[]> starts, ForkJoinPool pool, FitMonitor monitor,
                           FitMonitor.Phase phase) {
        return minimise(problem, starts, problem.form().screenedShare(), pool, monitor, phase);
    }

    /** As {@link #minimise(LogLossProblem, List, ForkJoinPool, FitMonitor, FitMonitor.Phase)} with another share. */
    static Result minimise(LogLossProblem problem, List<double[]> starts, double screenedShare, ForkJoinPool pool,
                           FitMonitor monitor, FitMonitor.Phase phase) {
        List<double[]> basins = screen(problem, starts, screenedShare, pool, monitor, phase);
        return basins == null ? null : polish(problem, basins, pool, monitor, phase);
    }

    /**
     * The end points (internal parameters) of the best distinct screened optima, best first: the basins
     * {@link #polish} starts from. A refit on a subset of the same runs (the held-out check, a backtest's
     * cut-offs) polishes these instead of screening every start again. Null when no start reached a
     * finite objective or the monitor asked to stop.
     */
    static List<double[]> screen(LogLossProblem problem, List<double[]> starts, ForkJoinPool pool,
                                 FitMonitor monitor, FitMonitor.Phase phase) {
        return screen(problem, starts, problem.form().screenedShare(), pool, monitor, phase);
    }

    private static List<double[]> screen(LogLossProblem problem, List<double[]> starts, double screenedShare,
                                         ForkJoinPool pool, FitMonitor monitor, FitMonitor.Phase phase) {
        int stride = (problem.size() + SCREENING_RUNS - 1) / SCREENING_RUNS;
        LogLossProblem screening = stride > 1 ? problem.subsample(stride) : problem;
        List<LogLossProblem> ladder = new ArrayList<>();
        for (int level : LADDER) {
            if (screening.size() >= MIN_RUNS_PER_LEVEL * level) {
                ladder.add(screening.subsample(level));
            }
        }
        List<double[]> approached = ladder.isEmpty() ? starts
                : approach(ladder, screening, starts, screenedShare, pool, monitor, phase);
        if (approached == null) {
            return null;
        }
        List<Result> screened = each(approached, pool, monitor, phase, ladder.isEmpty() ? 0 : APPROACHED, SCREENED,
                start -> RobustLevenbergMarquardt.minimise(screening, start, Tolerance.SCREENING));
        if (screened == null) {
            return null;
        }
        List<double[]> candidates = distinctBest(screened, screening == problem ? CANDIDATES : SUBSAMPLE_CANDIDATES);
        return candidates.isEmpty() ? null : candidates;
    }

    /**
     * Where each start's approach down the ladder ended, keeping only {@code share} of them (at least
     * {@value #MIN_SCREENED}) with the lowest objective on the screening runs there, in start order; null when
     * the monitor asked to stop.
     */
    private static List<double[]> approach(List<LogLossProblem> ladder, LogLossProblem screening, List<double[]> starts,
                                           double share, ForkJoinPool pool, FitMonitor monitor, FitMonitor.Phase phase) {
        List<Approach> approaches = each(starts, pool, monitor, phase, 0, APPROACHED, start -> {
            double[] theta = start;
            for (LogLossProblem coarse : ladder) {
                Result approach = RobustLevenbergMarquardt.minimise(coarse, theta, Tolerance.APPROACH);
                if (approach.isFinite()) {
                    theta = approach.theta();
                }
            }
            return new Approach(theta, screening.objective(theta));
        });
        if (approaches == null) {
            return null;
        }
        return bestRanked(approaches.stream().mapToDouble(Approach::objective).toArray(), share).stream()
                .map(i -> approaches.get(i).theta())
                .toList();
    }

    /**
     * The indices of the {@code share} of {@code objectives} (at least {@value #MIN_SCREENED}) that are lowest,
     * NaN ranked last and ties by index, in index order.
     */
    static List<Integer> bestRanked(double[] objectives, double share) {
        int kept = Math.max(MIN_SCREENED, (int) Math.ceil(share * objectives.length));
        return IntStream.range(0, objectives.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> Double.isNaN(objectives[i])
                        ? Double.POSITIVE_INFINITY : objectives[i]).thenComparingInt(i -> i))
                .limit(kept)
                .sorted()
                .toList();
    }

    /** A start where its approach ended, and the objective on the screening runs there. */
    private record Approach(double[] theta, double objective) {
    }

    /**
     * {@code step} applied to each point in parallel on {@code pool}, results in the points' order, reporting
     * progress from {@code from} to {@code to}; null when the monitor asked to stop.
     */
    private static <T> List<T> each(List<double[]> points, ForkJoinPool pool, FitMonitor monitor,
                                    FitMonitor.Phase phase, double from, double to, Function<double[], T> step) {
        AtomicInteger done = new AtomicInteger();
        int reportEvery = Math.max(1, points.size() / PROGRESS_STEPS);
        List<T> results = pool.submit(() -> points.parallelStream()
                .map(point -> {
                    if (monitor.stop() != null) {
                        return null;
                    }
                    T result = step.apply(point);
                    int finished = done.incrementAndGet();
                    if (finished % reportEvery == 0) {
                        monitor.progress(phase, from + (to - from) * finished / points.size());
                    }
                    return result;
                })
                .toList()).join();
        return monitor.stop() != null ? null : results;
    }

    /**
     * Polishes each basin to a tight tolerance on all runs of {@code problem} and returns the lowest;
     * null when none reached a finite objective or the monitor asked to stop.
     */
    static Result polish(LogLossProblem problem, List<double[]> basins, ForkJoinPool pool, FitMonitor monitor,
                         FitMonitor.Phase phase) {
        List<double[]> candidates = basins;
        if (problem.size() > 2 * PRE_POLISHING_RUNS) {
            LogLossProblem prePolishing = problem.subsample((problem.size() + PRE_POLISHING_RUNS - 1) / PRE_POLISHING_RUNS);
            List<Result> prePolished = each(candidates, pool, monitor, phase, SCREENED, SCREENED,
                    start -> RobustLevenbergMarquardt.polish(prePolishing, start));
            if (prePolished == null) {
                return null;
            }
            candidates = distinctBest(prePolished, FINALISTS);
            if (candidates.isEmpty()) {
                return null;
            }
        }
        List<Result> polished = each(candidates, pool, monitor, phase, SCREENED, 1,
                start -> RobustLevenbergMarquardt.polish(problem, start));
        if (polished == null) {
            return null;
        }
        Result best = null;
        for (Result result : polished) {
            if (result.isFinite() && (best == null || result.objective() < best.objective())) {
                best = result;
            }
        }
        monitor.progress(phase, 1);
        return best;
    }

    /** The end points of the {@code count} best screened starts that are not the same optimum, best first. */
    private static List<double[]> distinctBest(List<Result> screened, int count) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < screened.size(); i++) {
            if (screened.get(i).isFinite()) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> screened.get(i).objective()).thenComparingInt(i -> i));
        List<double[]> candidates = new ArrayList<>();
        for (int i : order) {
            double[] theta = screened.get(i).theta();
            if (candidates.stream().noneMatch(kept -> distance(kept, theta) < SAME_OPTIMUM)) {
                candidates.add(theta);
                if (candidates.size() == count) {
                    break;
                }
            }
        }
        return candidates;
    }

    private static double distance(double[] a, double[] b) {
        double max = 0;
        for (int j = 0; j < a.length; j++) {
            max = Math.max(max, Math.abs(a[j] - b[j]));
        }
        return max;
    }
}
