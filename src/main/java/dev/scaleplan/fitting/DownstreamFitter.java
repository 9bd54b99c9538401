package dev.scaleplan.fitting;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import dev.scaleplan.fitting.DownstreamFailure.Reason;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.util.Pair;

/**
 * Fits a metric against the loss of the same runs by least squares (Commons Math's
 * Levenberg–Marquardt with a central-difference Jacobian) from a grid of starts, keeps the best, then
 * bootstraps the runs (resampled with replacement, refitted from the best fit, seeded per draw) for
 * percentile intervals. Before fitting, the metric must show a monotone relation to the loss:
 * Spearman's ρ significant at {@value #MAX_P_VALUE}.
 */
public final class DownstreamFitter {

    /** Largest p-value of Spearman's ρ accepted as a relation between metric and loss. */
    static final double MAX_P_VALUE = 0.05;

    private final LevenbergMarquardtOptimizer optimizer = new LevenbergMarquardtOptimizer();

    /**
     * @param loss       final loss of each run
     * @param metric     the metric of the same runs (another evaluation set's loss for {@link DownstreamShape#SHIFTED_POWER})
     * @param bootstrap  bootstrap refits
     * @param confidence coverage of the intervals, in (0, 1)
     */
    public DownstreamOutcome fit(DownstreamShape shape, double[] loss, double[] metric, int bootstrap,
                                 double confidence, long seed) {
        return fit(shape, "the loss", loss, metric, bootstrap, confidence, seed);
    }

    /**
     * As above, against another predictor than the loss (e.g. a task's bits-per-byte).
     *
     * @param predictor the predictor's name in messages, e.g. {@code 'arc_bpb'}
     */
    public DownstreamOutcome fit(DownstreamShape shape, String predictor, double[] loss, double[] metric, int bootstrap,
                                 double confidence, long seed) {
        int n = loss.length;
        int p = shape.parameterNames().size();
        if (n < p + 2) {
            return new DownstreamFailure(Reason.TOO_FEW_RUNS, "a " + shape.id() + " fit has " + p
                    + " parameters and needs at least " + (p + 2) + " runs with the metric; " + n + " have it", n);
        }
        if (shape == DownstreamShape.SHIFTED_POWER && Arrays.stream(metric).anyMatch(v -> !(v > 0))) {
            return new DownstreamFailure(Reason.INVALID_DATA, "shifted-power relates two losses, so every value of "
                    + "the metric must be positive", n);
        }
        double rho = new SpearmansCorrelation().correlation(loss, metric);
        double pValue = spearmanPValue(rho, n);
        if (!(pValue <= MAX_P_VALUE)) {
            return new DownstreamFailure(Reason.NO_RELATION, String.format(java.util.Locale.ROOT,
                    "the metric shows no relation to " + predictor + ": Spearman's rank correlation is %.3f (p = %.2f) over "
                            + "%d runs; a fit needs p ≤ %.2f", Double.isNaN(rho) ? 0 : rho,
                    Double.isNaN(pValue) ? 1 : pValue, n, MAX_P_VALUE), n);
        }
        int direction = rho > 0 ? 1 : -1;
        if (shape == DownstreamShape.SHIFTED_POWER && direction < 0) {
            return new DownstreamFailure(Reason.NO_RELATION, String.format(java.util.Locale.ROOT,
                    "the other loss falls as %s rises (Spearman's ρ = %.3f); a shifted power law needs them to "
                            + "rise together", predictor, rho), n);
        }
        DownstreamProblem problem = new DownstreamProblem(shape, loss, metric, direction);
        int[] all = IntStream.range(0, n).toArray();
        double[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (double[] start : problem.starts()) {
            Optimum optimum = solve(problem, all, start);
            if (optimum != null && optimum.getCost() < bestCost) {
                bestCost = optimum.getCost();
                best = optimum.getPoint().toArray();
            }
        }
        if (best == null) {
            return new DownstreamFailure(Reason.DID_NOT_CONVERGE, "no start of the optimiser reached a finite fit", n);
        }
        double[] estimate = problem.natural(best);
        double[][] draws = bootstrap(problem, best, bootstrap, seed);
        Map<String, Estimate> parameters = new LinkedHashMap<>();
        for (int j = 0; j < p; j++) {
            int column = j;
            parameters.put(shape.parameterNames().get(j), Percentiles.estimate(estimate[j],
                    Arrays.stream(draws).mapToDouble(draw -> draw[column]).toArray(), confidence));
        }
        MetricLaw law = problem.law(estimate);
        double mean = Arrays.stream(metric).average().orElse(0);
        double squares = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double residual = metric[i] - law.metric(loss[i]);
            squares += residual * residual;
            total += (metric[i] - mean) * (metric[i] - mean);
        }
        return new DownstreamFit(shape, parameters, estimate, draws, problem.complement, problem.bounded,
                direction < 0, n, Math.sqrt(squares / n), total > 0 ? 1 - squares / total : 0, rho, pValue,
                Range.of(loss), Range.of(metric), confidence, seed);
    }

    private double[][] bootstrap(DownstreamProblem problem, double[] best, int count, long seed) {
        int n = problem.size();
        return IntStream.range(0, count).mapToObj(draw -> {
            SplittableRandom random = new SplittableRandom(Bootstrap.streamSeed(seed, draw));
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = random.nextInt(n);
            }
            if (Arrays.stream(rows).mapToDouble(i -> problem.loss[i]).distinct().count() < problem.parameterCount() + 1) {
                return null;
            }
            Optimum optimum = solve(problem, rows, best);
            return optimum == null ? null : problem.natural(optimum.getPoint().toArray());
        }).filter(Objects::nonNull).filter(natural -> Arrays.stream(natural).allMatch(Double::isFinite))
                .toArray(double[][]::new);
    }

    /** Least squares of the target on the given rows from {@code start}; null when it fails or is not finite. */
    private Optimum solve(DownstreamProblem problem, int[] rows, double[] start) {
        double[] target = Arrays.stream(rows).mapToDouble(i -> problem.target[i]).toArray();
        int p = problem.parameterCount();
        try {
            Optimum optimum = optimizer.optimize(new LeastSquaresBuilder().start(start).target(target)
                    .model(point -> model(problem, rows, point, p)).maxEvaluations(4000).maxIterations(1000).build());
            boolean finite = Double.isFinite(optimum.getCost())
                    && Arrays.stream(optimum.getPoint().toArray()).allMatch(Double::isFinite)
                    && Arrays.stream(problem.natural(optimum.getPoint().toArray())).allMatch(Double::isFinite);
            return finite ? optimum : null;
        } catch (MathIllegalStateException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> model(DownstreamProblem problem,
                                                                                      int[] rows, RealVector point,
                                                                                      int p) {
        double[] u = point.toArray();
        double[] values = evaluate(problem, rows, u);
        double[][] jacobian = new double[rows.length][p];
        for (int j = 0; j < p; j++) {
            double h = 1e-6 * Math.max(1, Math.abs(u[j]));
            double[] up = u.clone();
            double[] down = u.clone();
            up[j] += h;
            down[j] -= h;
            double[] above = evaluate(problem, rows, up);
            double[] below = evaluate(problem, rows, down);
            for (int i = 0; i < rows.length; i++) {
                jacobian[i][j] = (above[i] - below[i]) / (2 * h);
            }
        }
        return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
    }

    /** Predictions on the target scale; a non-finite one is replaced by a large finite value the optimiser leaves. */
    private static double[] evaluate(DownstreamProblem problem, int[] rows, double[] u) {
        double[] natural = problem.natural(u);
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double value = problem.predicted(natural, rows[i]);
            values[i] = Double.isFinite(value) ? value : 1e6;
        }
        return values;
    }

    /**
     * Why {@code metric} cannot be predicted from {@code predictor}, when its ranks show no relation to it
     * (Spearman's ρ not significant at {@value #MAX_P_VALUE}: a task at chance level); empty otherwise, or
     * with too few runs to tell.
     */
    public static java.util.Optional<String> noRelation(String predictor, double[] loss, double[] metric) {
        int n = loss.length;
        if (n < 4) {
            return java.util.Optional.empty();
        }
        double rho = new SpearmansCorrelation().correlation(loss, metric);
        double pValue = spearmanPValue(rho, n);
        return pValue <= MAX_P_VALUE ? java.util.Optional.empty() : java.util.Optional.of(String.format(
                java.util.Locale.ROOT, "the metric shows no relation to %s: Spearman's rank correlation is %.3f "
                        + "(p = %.2f) over %d runs; a fit needs p ≤ %.2f", predictor, Double.isNaN(rho) ? 0 : rho,
                Double.isNaN(pValue) ? 1 : pValue, n, MAX_P_VALUE));
    }

    /** Two-sided p-value of Spearman's ρ over n runs by the t approximation {@code t = ρ·√((n−2)/(1−ρ²))}. */
    static double spearmanPValue(double rho, int n) {
        if (Double.isNaN(rho)) {
            return Double.NaN;
        }
        if (Math.abs(rho) >= 1) {
            return 0;
        }
        double t = Math.abs(rho) * Math.sqrt((n - 2) / (1 - rho * rho));
        return 2 * (1 - new TDistribution(null, n - 2).cumulativeProbability(t));
    }

    /** The shapes by API name, for messages. */
    public static List<String> shapeIds() {
        return Arrays.stream(DownstreamShape.values()).map(DownstreamShape::id).toList();
    }
}
