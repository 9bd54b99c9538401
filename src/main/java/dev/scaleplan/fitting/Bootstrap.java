package dev.scaleplan.fitting;

import dev.scaleplan.fitting.LogLossProblem.Linearisation;
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
 *
 * <p>An exact refit evaluates every run several times, so 1,000 of them cost 1,000 × iterations × runs.
 * From {@value #ONE_STEP_FROM} runs on, a draw is instead one Gauss–Newton step from the best fit on the
 * resampled objective, {@code θ* = θ̂ − H_w⁻¹ g_w} with {@code g_w = Σ w_i ρ'(r_i)∇f_i} and
 * {@code H_w = Σ w_i ρ''(r_i)∇f_i∇f_iᵀ} from per-run terms computed once at θ̂ (the estimating-function
 * bootstrap of Hu and Kalbfleisch 2000; a one-step bootstrap in the sense of Davidson and MacKinnon 1999
 * and Andrews 2002). It costs one weighted sum per draw, no exp or log, and its difference from the
 * exact refit shrinks faster than the bootstrap spread as runs grow (slowly for Huber's loss with a
 * small δ, which is close to least absolute deviations). It is checked on every fit: the first
 * {@value #CHECKED_DRAWS} draws are refitted exactly first, and if the one-step estimates of those draws
 * differ from them by more than {@value #MAX_DEVIATION} bootstrap standard deviations (root mean square,
 * in any parameter), the other draws are refitted exactly too. Near that threshold the decision can
 * depend on the seed, since it rests on 32 draws.
 */
final class Bootstrap {

    /** Runs from which draws are one-step estimates (below, exact refits are cheap enough). */
    static final int ONE_STEP_FROM = 10_000;

    /** Draws also refitted exactly to check the one-step ones (and kept as exact refits if the check fails). */
    static final int CHECKED_DRAWS = 32;

    /**
     * Largest accepted root-mean-square one-step error over the checked draws, in bootstrap standard
     * deviations of a parameter. Measured on Besiroglu-like sweeps of 5,000–50,000 runs with σ = 0.015–0.1:
     * up to 0.12, the one-step 90% intervals had widths within 3% and ends within 3% of a width of the
     * exact ones; from 0.19 on, up to 20% and 26% off.
     */
    static final double MAX_DEVIATION = BootstrapMethod.MAX_ONE_STEP_DEVIATION;

    /** The draws and how they were made. */
    record Draws(double[][] natural, BootstrapMethod method) {
    }

    private Bootstrap() {
    }

    /**
     * Natural parameters of each successful draw, in draw order (failed draws are left out), and how they
     * were made. Once the monitor asks to stop, the draws not made are left out too; the caller must ask
     * the monitor before using the result.
     */
    static Draws draws(LogLossProblem problem, FitData data, double[] bestInternal, int count, long seed,
                       ForkJoinPool pool, FitMonitor monitor) {
        Progress progress = new Progress(count, monitor);
        if (problem.size() >= ONE_STEP_FROM && count >= 2 * CHECKED_DRAWS
                && inside(bestInternal, problem.form())) {
            Linearisation linearisation = problem.linearise(bestInternal);
            if (linearisation != null) {
                return checkedOneStep(problem, data, linearisation, bestInternal, count, seed, pool, monitor, progress);
            }
        }
        return new Draws(natural(problem.form(), exact(problem, data, bestInternal, 0, count, seed, pool, monitor,
                progress)), BootstrapMethod.REFIT);
    }

    /** Every draw refitted exactly (for comparisons). */
    static Draws refits(LogLossProblem problem, FitData data, double[] bestInternal, int count, long seed,
                        ForkJoinPool pool, FitMonitor monitor) {
        return new Draws(natural(problem.form(), exact(problem, data, bestInternal, 0, count, seed, pool, monitor,
                new Progress(count, monitor))), BootstrapMethod.REFIT);
    }

    /**
     * The one-step draws when their check passes, with the check; else every draw refitted exactly, the
     * checked ones reused. Progress counts exact refits, so it never goes back.
     */
    private static Draws checkedOneStep(LogLossProblem problem, FitData data, Linearisation linearisation,
                                        double[] best, int count, long seed, ForkJoinPool pool, FitMonitor monitor,
                                        Progress progress) {
        LawForm form = problem.form();
        double[][] checked = exact(problem, data, best, 0, CHECKED_DRAWS, seed, pool, monitor, progress);
        if (monitor.stop() != null) {
            return new Draws(new double[0][], BootstrapMethod.REFIT);
        }
        int n = problem.size();
        // Null where H_w is not positive definite: such a draw has no one-step estimate.
        double[][] steps = pool.submit(() -> IntStream.range(0, count).parallel()
                .mapToObj(draw -> step(linearisation, multiplicity(n, seed, draw), best, form))
                .toArray(double[][]::new)).join();
        Check check = check(steps, checked, form.parameterCount());
        if (check != null && check.deviation() <= MAX_DEVIATION) {
            for (int draw = CHECKED_DRAWS; draw < count; draw++) {
                if (steps[draw] == null) {
                    steps[draw] = refit(problem, data, best, multiplicity(n, seed, draw));
                }
            }
            progress.finish();
            return new Draws(natural(form, steps), new BootstrapMethod(BootstrapMethod.Kind.ONE_STEP,
                    check.compared(), check.deviation()));
        }
        double[][] rest = exact(problem, data, best, CHECKED_DRAWS, count, seed, pool, monitor, progress);
        double[][] all = new double[count][];
        System.arraycopy(checked, 0, all, 0, CHECKED_DRAWS);
        System.arraycopy(rest, 0, all, CHECKED_DRAWS, count - CHECKED_DRAWS);
        return new Draws(natural(form, all), BootstrapMethod.REFIT);
    }

    /** Internal parameters of exact refits of draws {@code from} to {@code to}, null where one failed or was not made. */
    private static double[][] exact(LogLossProblem problem, FitData data, double[] bestInternal, int from, int to,
                                    long seed, ForkJoinPool pool, FitMonitor monitor, Progress progress) {
        return pool.submit(() -> IntStream.range(from, to).parallel().mapToObj(draw -> {
            if (monitor.stop() != null) {
                return null;
            }
            double[] theta = refit(problem, data, bestInternal, multiplicity(problem.size(), seed, draw));
            progress.done();
            return theta;
        }).toArray(double[][]::new)).join();
    }

    /**
     * {@code θ̂ − H_w⁻¹ g_w} clipped into the form's box, or null when {@code H_w} is not positive definite.
     */
    private static double[] step(Linearisation linearisation, double[] multiplicity, double[] best, LawForm form) {
        int p = linearisation.parameterCount();
        double[] scores = linearisation.scores();
        double[] gradient = new double[p];
        for (int i = 0; i < multiplicity.length; i++) {
            double count = multiplicity[i];
            if (count != 0) {
                int offset = i * p;
                for (int k = 0; k < p; k++) {
                    gradient[k] += count * scores[offset + k];
                }
            }
        }
        double[] curvature = curvature(linearisation, multiplicity);
        for (int j = 0; j < p; j++) {
            gradient[j] = -gradient[j];
        }
        // Cholesky reads the lower triangle only, which is all curvature() fills.
        if (!Cholesky.solveInPlace(curvature, gradient, p)) {
            return null;
        }
        double[] lower = form.internalLowerBounds();
        double[] upper = form.internalUpperBounds();
        double[] theta = new double[p];
        for (int j = 0; j < p; j++) {
            theta[j] = Math.max(lower[j], Math.min(upper[j], best[j] + gradient[j]));
        }
        return theta;
    }

    /** {@code H_w}: the resample's Gauss–Newton curvature, lower triangle (row-major p×p). */
    private static double[] curvature(Linearisation linearisation, double[] multiplicity) {
        int p = linearisation.parameterCount();
        int[] inside = linearisation.inside();
        double[] rows = linearisation.insideGradients();
        double[] curvature = new double[p * p];
        for (int index = 0; index < inside.length; index++) {
            double count = multiplicity[inside[index]];
            if (count != 0) {
                int offset = index * p;
                for (int j = 0; j < p; j++) {
                    double weighted = count * rows[offset + j];
                    for (int k = 0; k <= j; k++) {
                        curvature[j * p + k] += weighted * rows[offset + k];
                    }
                }
            }
        }
        return curvature;
    }

    /** The check of one-step draws: how many exact refits were compared and their RMS deviation. */
    private record Check(int compared, double deviation) {
    }

    /**
     * The root-mean-square of one-step − exact over the checked draws whose exact refit succeeded, in units
     * of that parameter's standard deviation over all one-step draws, for the worst parameter. A checked
     * draw without a one-step estimate counts as an infinite difference. Null when fewer than half of the
     * checks could be compared.
     */
    private static Check check(double[][] steps, double[][] exact, int p) {
        double[] standardDeviation = new double[p];
        for (int k = 0; k < p; k++) {
            int column = k;
            double[] values = Arrays.stream(steps).filter(Objects::nonNull).mapToDouble(s -> s[column]).toArray();
            double mean = Arrays.stream(values).average().orElse(Double.NaN);
            standardDeviation[k] = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum()
                    / Math.max(1, values.length - 1));
        }
        int compared = 0;
        double[] squares = new double[p];
        for (int draw = 0; draw < exact.length; draw++) {
            if (exact[draw] == null) {
                continue;
            }
            compared++;
            for (int k = 0; k < p; k++) {
                double difference = steps[draw] == null ? Double.POSITIVE_INFINITY
                        : (steps[draw][k] - exact[draw][k]) / standardDeviation[k];
                squares[k] += difference == 0 ? 0 : difference * difference;
            }
        }
        double worst = 0;
        for (int k = 0; k < p; k++) {
            worst = Math.max(worst, Math.sqrt(squares[k] / compared));
        }
        return compared * 2 >= exact.length && compared > 0 && !Double.isNaN(worst)
                ? new Check(compared, worst) : null;
    }

    /** Internal parameters of an exact refit of one resample, or null when it fails. */
    private static double[] refit(LogLossProblem problem, FitData data, double[] bestInternal, double[] multiplicity) {
        if (DataChecks.check(problem.form(), data.select(present(multiplicity)), 1).isPresent()) {
            return null;
        }
        Result result = RobustLevenbergMarquardt.minimise(problem.weighted(multiplicity), bestInternal,
                Tolerance.BOOTSTRAP);
        return result.isFinite() && result.converged() ? result.theta() : null;
    }

    /** Natural parameters of the draws that exist and are finite, in draw order. */
    private static double[][] natural(LawForm form, double[][] internal) {
        return Arrays.stream(internal).filter(Objects::nonNull).map(form::toNatural)
                .filter(natural -> Arrays.stream(natural).allMatch(Double::isFinite)).toArray(double[][]::new);
    }

    /** How often each run is drawn in resample {@code draw}. */
    private static double[] multiplicity(int n, long seed, int draw) {
        SplittableRandom random = new SplittableRandom(streamSeed(seed, draw));
        double[] multiplicity = new double[n];
        for (int i = 0; i < n; i++) {
            multiplicity[random.nextInt(n)]++;
        }
        return multiplicity;
    }

    /** Whether no parameter sits on a bound of the form's box, where a Newton step is not the refit's answer. */
    private static boolean inside(double[] theta, LawForm form) {
        double[] lower = form.internalLowerBounds();
        double[] upper = form.internalUpperBounds();
        for (int j = 0; j < theta.length; j++) {
            if (!(theta[j] > lower[j] && theta[j] < upper[j])) {
                return false;
            }
        }
        return true;
    }

    private static int[] present(double[] multiplicity) {
        return IntStream.range(0, multiplicity.length).filter(i -> multiplicity[i] > 0).toArray();
    }

    /** Reports about a hundred progress steps over {@code total} units of work. */
    private static final class Progress {
        private final AtomicInteger done = new AtomicInteger();
        private final int total;
        private final int reportEvery;
        private final FitMonitor monitor;

        Progress(int total, FitMonitor monitor) {
            this.total = total;
            this.reportEvery = Math.max(1, total / 100);
            this.monitor = monitor;
        }

        void done() {
            int finished = done.incrementAndGet();
            if (finished % reportEvery == 0) {
                monitor.progress(FitMonitor.Phase.BOOTSTRAP, Math.min(1, (double) finished / total));
            }
        }

        /** The rest of the work was done at once (one-step draws). */
        void finish() {
            monitor.progress(FitMonitor.Phase.BOOTSTRAP, 1);
        }
    }

    /** A well-mixed seed per draw (Stafford's mix 13, as in SplittableRandom), so streams do not overlap. */
    static long streamSeed(long seed, long draw) {
        long z = seed + (draw + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
