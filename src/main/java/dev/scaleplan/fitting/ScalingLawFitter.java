package dev.scaleplan.fitting;

import dev.scaleplan.fitting.FitFailure.Reason;
import dev.scaleplan.fitting.RobustLevenbergMarquardt.Result;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Fits a {@link LawForm} to runs: Hoffmann et al. 2022's Approach 3 as replicated by Besiroglu et
 * al. 2024 — minimise {@code Σ_i ρ(log prediction_i − log L_i)} from every point of the form's
 * starting grid and keep the best — then bootstraps the runs for intervals, measures the fit and,
 * if asked, checks extrapolation on the largest-compute runs. Thread-safe; work runs on the given
 * {@link ForkJoinPool} (by default one shared pool with one thread per core).
 */
public final class ScalingLawFitter {

    private static final class SharedPool {
        static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    }

    /** Floor of RSS/n in AIC and BIC, so that a perfect fit gives a finite value. */
    private static final double MIN_MEAN_SQUARE = 1e-300;

    private final ForkJoinPool pool;

    /** A fitter on a shared pool with one thread per available core. */
    public ScalingLawFitter() {
        this(SharedPool.POOL);
    }

    /** A fitter running its parallel work (starts, bootstrap draws) on {@code pool}. */
    public ScalingLawFitter(ForkJoinPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Fits {@code form} to {@code data} from every point of the form's starting grid; never throws
     * for bad data, returns a {@link FitFailure}.
     */
    public FitOutcome fit(LawForm form, FitData data, FitOptions options) {
        return fit(form, data, options, FitMonitor.NONE);
    }

    /**
     * As {@link #fit(LawForm, FitData, FitOptions)}, reporting progress to {@code monitor} and stopping
     * with a {@link FitFailure} ({@link Reason#CANCELLED} or {@link Reason#TIME_BUDGET_EXCEEDED}) soon
     * after it asks to: it is asked between starts and between bootstrap draws.
     */
    public FitOutcome fit(LawForm form, FitData data, FitOptions options, FitMonitor monitor) {
        return fit(form, data, options, form.startingGrid(), Objects.requireNonNull(monitor, "monitor"));
    }

    /**
     * Fits from the given starting points, in natural parameters (e.g. a previous fit's estimate),
     * instead of the form's grid. The held-out refit starts from the same points.
     *
     * @throws IllegalArgumentException if a start has the wrong number of parameters
     */
    public FitOutcome fitFrom(LawForm form, FitData data, FitOptions options, List<double[]> naturalStarts) {
        return fitFrom(form, data, options, naturalStarts, FitMonitor.NONE);
    }

    /** As {@link #fitFrom(LawForm, FitData, FitOptions, List)}, stopping when {@code monitor} asks to. */
    public FitOutcome fitFrom(LawForm form, FitData data, FitOptions options, List<double[]> naturalStarts,
                              FitMonitor monitor) {
        Objects.requireNonNull(monitor, "monitor");
        List<double[]> starts = naturalStarts.stream().map(start -> {
            if (start.length != form.parameterCount()) {
                throw new IllegalArgumentException(form.id() + " takes " + form.parameterCount() + " parameters");
            }
            return form.toInternal(start);
        }).toList();
        return fit(form, data, options, starts, monitor);
    }

    private FitOutcome fit(LawForm form, FitData data, FitOptions options, List<double[]> starts,
                           FitMonitor monitor) {
        Optional<FitFailure> unusable = DataChecks.check(form, data, DataChecks.SPARE_POINTS);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        LogLossProblem problem = LogLossProblem.of(form, data, options.objective(), options.huberDelta());
        List<double[]> basins = MultiStart.screen(problem, starts, pool, monitor, FitMonitor.Phase.GRID);
        Result best = basins == null ? null : MultiStart.polish(problem, basins, pool, monitor, FitMonitor.Phase.GRID);
        if (monitor.stop() != null) {
            return stopped(monitor.stop(), FitMonitor.Phase.GRID);
        }
        if (best == null) {
            return new FitFailure(Reason.DID_NOT_CONVERGE, "no start of the optimiser reached a finite objective");
        }
        if (!best.converged()) {
            return new FitFailure(Reason.DID_NOT_CONVERGE, "the best optimum was still moving after "
                    + best.iterations() + " iterations; objective " + best.objective());
        }
        double[] estimate = form.toNatural(best.theta());
        if (!allFinite(estimate)) {
            return new FitFailure(Reason.NON_FINITE, "the best fit overflows: " + Arrays.toString(estimate));
        }
        Bootstrap.Draws bootstrap = Bootstrap.draws(problem, data, best.theta(), options.bootstrap(), options.seed(),
                pool, monitor);
        double[][] draws = bootstrap.natural();
        if (monitor.stop() != null) {
            return stopped(monitor.stop(), FitMonitor.Phase.BOOTSTRAP);
        }
        Holdout holdout = holdout(form, data, options, basins, monitor);
        if (monitor.stop() != null) {
            return stopped(monitor.stop(), FitMonitor.Phase.HOLDOUT);
        }
        return assemble(form, data, options, problem, best, estimate, draws, bootstrap.method(), holdout);
    }

    private static FitFailure stopped(FitMonitor.Stop stop, FitMonitor.Phase phase) {
        String during = phase.name().toLowerCase(java.util.Locale.ROOT);
        return switch (stop) {
            case CANCELLED -> new FitFailure(Reason.CANCELLED, "the fit was cancelled during the " + during + " phase");
            case TIME_BUDGET -> new FitFailure(Reason.TIME_BUDGET_EXCEEDED,
                    "the fit used up its time budget during the " + during + " phase");
        };
    }

    private Fit assemble(LawForm form, FitData data, FitOptions options, LogLossProblem problem, Result best,
                         double[] estimate, double[][] draws, BootstrapMethod method, Holdout holdout) {
        int n = data.size();
        int p = form.parameterCount();
        double[] residuals = new double[n];
        double sumOfSquares = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            residuals[i] = problem.logLoss(i) - problem.logPrediction(best.theta(), i);
            sumOfSquares += residuals[i] * residuals[i];
            sum += residuals[i];
        }
        double mean = sum / n;
        double spread = 0;
        for (double residual : residuals) {
            spread += (residual - mean) * (residual - mean);
        }
        double residualStd = n > 1 ? Math.sqrt(spread / (n - 1)) : 0;
        double logMeanSquare = Math.log(Math.max(sumOfSquares / n, MIN_MEAN_SQUARE));

        double confidence = options.confidenceLevel();
        Map<String, Estimate> parameters = new LinkedHashMap<>();
        List<String> names = form.parameterNames();
        for (int j = 0; j < p; j++) {
            int column = j;
            double[] values = Arrays.stream(draws).mapToDouble(draw -> draw[column]).toArray();
            parameters.put(names.get(j), Percentiles.estimate(estimate[j], values, confidence));
        }
        double maxFlops = Range.of(data.flops()).max();
        Map<String, Double> derivedAtBest = form.derived(estimate, maxFlops, options.flopsPerToken());
        List<Map<String, Double>> derivedDraws = Arrays.stream(draws)
                .map(draw -> form.derived(draw, maxFlops, options.flopsPerToken())).toList();
        Map<String, Estimate> derived = new LinkedHashMap<>();
        derivedAtBest.forEach((name, value) -> {
            if (Double.isFinite(value)) {
                double[] values = derivedDraws.stream().mapToDouble(d -> d.getOrDefault(name, Double.NaN)).toArray();
                derived.put(name, Percentiles.estimate(value, values, confidence));
            }
        });
        return new Fit(form.id(), parameters, derived, best.objective(), options.objective(), options.huberDelta(),
                n, DataRanges.of(data), new FitQuality(Math.sqrt(sumOfSquares / n), n * logMeanSquare + 2 * p,
                n * logMeanSquare + p * Math.log(n), residualStd), holdout, draws.length, confidence, estimate, draws, residuals, options.seed(),
                options.flopsPerToken(), method);
    }

    /**
     * The distinct optima that screening the form's starting grid on {@code data} finds, best first, in
     * natural parameters: starts for refits on subsets of the same runs ({@link #fitFrom}), such as a
     * backtest's cut-offs, which then need not screen the whole grid again. Empty when the data cannot
     * be fitted.
     */
    public List<double[]> basins(LawForm form, FitData data, FitOptions options) {
        return basins(form, data, options, FitMonitor.NONE);
    }

    /** As {@link #basins(LawForm, FitData, FitOptions)}; empty too when {@code monitor} asked to stop. */
    public List<double[]> basins(LawForm form, FitData data, FitOptions options, FitMonitor monitor) {
        if (DataChecks.check(form, data, DataChecks.SPARE_POINTS).isPresent()) {
            return List.of();
        }
        LogLossProblem problem = LogLossProblem.of(form, data, options.objective(), options.huberDelta());
        List<double[]> basins = MultiStart.screen(problem, form.startingGrid(), pool, monitor, FitMonitor.Phase.GRID);
        return basins == null ? List.of() : basins.stream().map(form::toNatural).toList();
    }

    /**
     * Refits without the largest-compute runs (a share {@code holdoutFraction}, at least one) and
     * measures how well that law predicts them; null when not asked for or when the rest cannot be fitted.
     * The refit polishes the full fit's screened basins rather than screening every start again.
     */
    private Holdout holdout(LawForm form, FitData data, FitOptions options, List<double[]> basins,
                            FitMonitor monitor) {
        if (options.holdoutFraction() == 0) {
            return null;
        }
        int n = data.size();
        int heldOut = (int) Math.max(1, Math.round(options.holdoutFraction() * n));
        if (heldOut >= n) {
            return null;
        }
        double[] flopsByRun = data.flops();
        int[] byFlopsDescending = IntStream.range(0, n).boxed()
                .sorted((i, j) -> flopsByRun[i] != flopsByRun[j] ? Double.compare(flopsByRun[j], flopsByRun[i]) : Integer.compare(i, j))
                .mapToInt(Integer::intValue).toArray();
        int[] held = Arrays.copyOfRange(byFlopsDescending, 0, heldOut);
        FitData kept = data.select(Arrays.copyOfRange(byFlopsDescending, heldOut, n));
        if (DataChecks.check(form, kept, DataChecks.SPARE_POINTS).isPresent()) {
            return null;
        }
        LogLossProblem problem = LogLossProblem.of(form, kept, options.objective(), options.huberDelta());
        Result refit = MultiStart.polish(problem, basins, pool, monitor, FitMonitor.Phase.HOLDOUT);
        if (refit == null) {
            return null;
        }
        LogLossProblem heldProblem = LogLossProblem.of(form, data.select(held), options.objective(),
                options.huberDelta());
        double squares = 0;
        double relative = 0;
        double threshold = Double.POSITIVE_INFINITY;
        for (int k = 0; k < heldOut; k++) {
            double logError = heldProblem.logPrediction(refit.theta(), k) - heldProblem.logLoss(k);
            squares += logError * logError;
            relative += Math.abs(Math.expm1(logError));
            threshold = Math.min(threshold, flopsByRun[held[k]]);
        }
        double rmse = Math.sqrt(squares / heldOut);
        double meanRelative = relative / heldOut;
        if (!Double.isFinite(rmse) || !Double.isFinite(meanRelative)) {
            return null;
        }
        return new Holdout(heldOut, threshold, rmse, meanRelative);
    }

    private static boolean allFinite(double[] values) {
        return Arrays.stream(values).allMatch(Double::isFinite);
    }
}
