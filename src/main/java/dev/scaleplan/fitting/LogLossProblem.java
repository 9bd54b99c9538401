package dev.scaleplan.fitting;

import java.util.Arrays;

/**
 * The fitting problem of one form on one data set: minimise {@code Σ_i w_i·ρ(f(θ; x_i) − log L_i)}
 * where f is the form's log-loss prediction, ρ the objective and {@code w_i} a run's multiplicity
 * (1, or its count in a bootstrap resample). Logs of the data are taken once, here.
 */
final class LogLossProblem {

    private final LawForm form;
    private final Objective objective;
    private final double delta;
    private final LogRuns runs;
    private final int parameterCount;

    private LogLossProblem(LawForm form, Objective objective, double delta, LogRuns runs) {
        this.form = form;
        this.objective = objective;
        this.delta = delta;
        this.runs = runs;
        this.parameterCount = form.parameterCount();
    }

    static LogLossProblem of(LawForm form, FitData data, Objective objective, double delta) {
        return new LogLossProblem(form, objective, delta, LogRuns.of(data));
    }

    /**
     * The same objective with each run counted {@code multiplicity[i]} times. The runs counted zero
     * times are left out (about 37% of a bootstrap resample), so its indices are not this problem's.
     */
    LogLossProblem weighted(double[] multiplicity) {
        return new LogLossProblem(form, objective, delta, runs.weighted(multiplicity));
    }

    /**
     * Every {@code stride}-th run in order of compute, starting with the smallest: a cheaper problem
     * of the same shape that spans the same range whatever the order the runs came in.
     */
    LogLossProblem subsample(int stride) {
        return new LogLossProblem(form, objective, delta, runs.subsample(stride));
    }

    int parameterCount() {
        return parameterCount;
    }

    int size() {
        return runs.size();
    }

    LawForm form() {
        return form;
    }

    /** Predicted log loss of run i. */
    double logPrediction(double[] theta, int i) {
        return logPrediction(theta, i, null);
    }

    /** Predicted log loss of run i, with its gradient into {@code gradient} when that is not null. */
    private double logPrediction(double[] theta, int i, double[] gradient) {
        return form.logLoss(theta, runs.parameters[i], runs.tokens[i], runs.flops[i], runs.experts[i],
                runs.uniqueTokens[i], gradient);
    }

    /** Observed log loss of run i. */
    double logLoss(int i) {
        return runs.loss[i];
    }

    /** The largest parameter count of a form; {@link #evaluate} is unrolled for up to {@value #UNROLLED_PARAMETERS}. */
    static final int MAX_PARAMETERS = 7;

    private static final int UNROLLED_PARAMETERS = 5;

    /**
     * The objective at {@code theta}; into {@code gradient} its exact gradient
     * {@code Σ w_i ρ'(r_i) ∇f_i}; and the Gauss–Newton curvature split in two (row-major p×p):
     * {@code inside = Σ w_i ∇f_i ∇f_iᵀ} over residuals within δ (all of them for least squares) and
     * {@code outside = Σ w_i (δ/|r_i|) ∇f_i ∇f_iᵀ} over the rest, whose weight is the majorising
     * IRLS one. Returns NaN when any prediction is not finite. {@code row} is scratch of length
     * {@link #MAX_PARAMETERS}.
     */
    double evaluate(double[] theta, double[] inside, double[] outside, double[] gradient, double[] row) {
        if (parameterCount > UNROLLED_PARAMETERS) {
            return evaluateAnySize(theta, inside, outside, gradient, row);
        }
        // Accumulated in locals (5×5 lower triangles, padded with zero rows for smaller forms):
        // about twice as fast as accumulating into arrays.
        double a00 = 0, a10 = 0, a11 = 0, a20 = 0, a21 = 0, a22 = 0, a30 = 0, a31 = 0, a32 = 0, a33 = 0;
        double a40 = 0, a41 = 0, a42 = 0, a43 = 0, a44 = 0;
        double b00 = 0, b10 = 0, b11 = 0, b20 = 0, b21 = 0, b22 = 0, b30 = 0, b31 = 0, b32 = 0, b33 = 0;
        double b40 = 0, b41 = 0, b42 = 0, b43 = 0, b44 = 0;
        double g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0;
        double threshold = objective == Objective.HUBER ? delta : Double.POSITIVE_INFINITY;
        double value = 0;
        // Chinchilla, the form fitted most, is inlined: E = e^e once per call, and the log-sum-exp
        // unshifted (no data-dependent branch), falling back to the form's shifted one where a term overflows.
        boolean chinchilla = form instanceof ChinchillaForm;
        double[] logParameters = runs.parameters;
        double[] logTokens = runs.tokens;
        double[] logLoss = runs.loss;
        double[] multiplicity = runs.multiplicity;
        double irreducible = chinchilla ? Math.exp(theta[0]) : Double.NaN;
        chinchilla &= irreducible >= Double.MIN_NORMAL && irreducible < Double.POSITIVE_INFINITY;
        for (int i = 0; i < logLoss.length; i++) {
            double count = multiplicity == null ? 1 : multiplicity[i];
            if (count == 0) {
                continue;
            }
            double prediction;
            double r0, r1, r2, r3, r4;
            double sum = Double.NaN;
            double logN = logParameters[i];
            double logD = logTokens[i];
            double parameterTerm = 0;
            double tokenTerm = 0;
            if (chinchilla) {
                parameterTerm = Math.exp(theta[1] - theta[3] * logN);
                tokenTerm = Math.exp(theta[2] - theta[4] * logD);
                sum = irreducible + parameterTerm + tokenTerm;
            }
            if (sum < Double.POSITIVE_INFINITY) {
                double inverse = 1 / sum;
                r0 = irreducible * inverse;
                r1 = parameterTerm * inverse;
                r2 = tokenTerm * inverse;
                r3 = -r1 * logN;
                r4 = -r2 * logD;
                prediction = Math.log(sum);
            } else {
                prediction = form.logLoss(theta, logN, logD, runs.flops[i], runs.experts[i], runs.uniqueTokens[i], row);
                r0 = row[0];
                r1 = row[1];
                r2 = row[2];
                r3 = row[3];
                r4 = row[4];
            }
            double residual = prediction - logLoss[i];
            // Huber without branches: ρ = c·(|r| − c/2) and ρ' = sign(r)·c with c = min(|r|, δ).
            double size = Math.abs(residual);
            double clipped = Math.min(size, threshold);
            value += count * clipped * (size - 0.5 * clipped);
            double slope = count * Math.copySign(clipped, residual);
            g0 += slope * r0;
            g1 += slope * r1;
            g2 += slope * r2;
            g3 += slope * r3;
            g4 += slope * r4;
            if (size <= threshold) {
                double w0 = count * r0, w1 = count * r1, w2 = count * r2, w3 = count * r3, w4 = count * r4;
                a00 += w0 * r0;
                a10 += w1 * r0;
                a11 += w1 * r1;
                a20 += w2 * r0;
                a21 += w2 * r1;
                a22 += w2 * r2;
                a30 += w3 * r0;
                a31 += w3 * r1;
                a32 += w3 * r2;
                a33 += w3 * r3;
                a40 += w4 * r0;
                a41 += w4 * r1;
                a42 += w4 * r2;
                a43 += w4 * r3;
                a44 += w4 * r4;
            } else {
                double weight = count * delta / size;
                double w0 = weight * r0, w1 = weight * r1, w2 = weight * r2, w3 = weight * r3, w4 = weight * r4;
                b00 += w0 * r0;
                b10 += w1 * r0;
                b11 += w1 * r1;
                b20 += w2 * r0;
                b21 += w2 * r1;
                b22 += w2 * r2;
                b30 += w3 * r0;
                b31 += w3 * r1;
                b32 += w3 * r2;
                b33 += w3 * r3;
                b40 += w4 * r0;
                b41 += w4 * r1;
                b42 += w4 * r2;
                b43 += w4 * r3;
                b44 += w4 * r4;
            }
        }
        unpack(new double[] {a00, a10, a11, a20, a21, a22, a30, a31, a32, a33, a40, a41, a42, a43, a44}, inside);
        unpack(new double[] {b00, b10, b11, b20, b21, b22, b30, b31, b32, b33, b40, b41, b42, b43, b44}, outside);
        double[] gradients = {g0, g1, g2, g3, g4};
        System.arraycopy(gradients, 0, gradient, 0, parameterCount);
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /** The objective at {@code theta}; NaN when any prediction is not finite. */
    double objective(double[] theta) {
        int p = MAX_PARAMETERS;
        return evaluate(theta, new double[p * p], new double[p * p], new double[p], new double[p]);
    }

    /** As {@link #evaluate} for a form of any size, with plain loops (the unrolled sums need p ≤ 5). */
    private double evaluateAnySize(double[] theta, double[] inside, double[] outside, double[] gradient, double[] row) {
        int p = parameterCount;
        Arrays.fill(inside, 0, p * p, 0);
        Arrays.fill(outside, 0, p * p, 0);
        Arrays.fill(gradient, 0, p, 0);
        double threshold = objective == Objective.HUBER ? delta : Double.POSITIVE_INFINITY;
        double value = 0;
        double[] multiplicity = runs.multiplicity;
        for (int i = 0; i < runs.size(); i++) {
            double count = multiplicity == null ? 1 : multiplicity[i];
            if (count == 0) {
                continue;
            }
            double prediction = logPrediction(theta, i, row);
            double residual = prediction - runs.loss[i];
            double size = Math.abs(residual);
            double clipped = Math.min(size, threshold);
            value += count * clipped * (size - 0.5 * clipped);
            double slope = count * Math.copySign(clipped, residual);
            double weight = size <= threshold ? count : count * delta / size;
            double[] target = size <= threshold ? inside : outside;
            for (int j = 0; j < p; j++) {
                gradient[j] += slope * row[j];
                double wj = weight * row[j];
                for (int k = 0; k <= j; k++) {
                    target[j * p + k] += wj * row[k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                inside[k * p + j] = inside[j * p + k];
                outside[k * p + j] = outside[j * p + k];
            }
        }
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /**
     * The objective's per-run terms at {@code theta}, for a linearised bootstrap: run i's gradient
     * term {@code ρ'(r_i)·∇f_i} and, for the runs whose residual is within δ (all of them for least
     * squares), {@code ∇f_i}, whose outer products sum to the Gauss–Newton curvature. Null when a
     * prediction is not finite. Only for an unweighted problem.
     */
    Linearisation linearise(double[] theta) {
        if (runs.multiplicity != null) {
            throw new IllegalStateException("linearise the unweighted problem");
        }
        int n = runs.size();
        int p = parameterCount;
        double threshold = objective == Objective.HUBER ? delta : Double.POSITIVE_INFINITY;
        double[] row = new double[MAX_PARAMETERS];
        double[] scores = new double[n * p];
        int[] inside = new int[n];
        double[] insideGradients = new double[n * p];
        int insideCount = 0;
        for (int i = 0; i < n; i++) {
            double residual = logPrediction(theta, i, row) - runs.loss[i];
            if (!Double.isFinite(residual)) {
                return null;
            }
            double size = Math.abs(residual);
            double slope = Math.copySign(Math.min(size, threshold), residual);
            for (int k = 0; k < p; k++) {
                if (!Double.isFinite(row[k])) {
                    return null;
                }
                scores[i * p + k] = slope * row[k];
            }
            if (size <= threshold) {
                System.arraycopy(row, 0, insideGradients, insideCount * p, p);
                inside[insideCount++] = i;
            }
        }
        return new Linearisation(p, scores, Arrays.copyOf(inside, insideCount),
                Arrays.copyOf(insideGradients, insideCount * p));
    }

    /**
     * Per-run terms of the objective's gradient and curvature at one point (see {@link #linearise}):
     * {@code scores} is n×p row-major, {@code insideGradients} |inside|×p in the order of {@code inside}.
     */
    record Linearisation(int parameterCount, double[] scores, int[] inside, double[] insideGradients) {
    }

    private void unpack(double[] lower, double[] matrix) {
        int p = parameterCount;
        for (int j = 0; j < p; j++) {
            for (int k = 0; k <= j; k++) {
                double entry = lower[j * (j + 1) / 2 + k];
                matrix[j * p + k] = entry;
                matrix[k * p + j] = entry;
            }
        }
    }
}
