package dev.scaleplan.fitting;

/**
 * The fitting problem of one form on one data set: minimise {@code Σ_i w_i·ρ(f(θ; x_i) − log L_i)}
 * where f is the form's log-loss prediction, ρ the objective and {@code w_i} a run's multiplicity
 * (1, or its count in a bootstrap resample). Logs of the data are taken once, here.
 */
final class LogLossProblem {

    private final LawForm form;
    private final Objective objective;
    private final double delta;
    private final double[] logParameters;
    private final double[] logTokens;
    private final double[] logFlops;
    private final double[] logLoss;
    private final double[] multiplicity;
    private final int parameterCount;

    private LogLossProblem(LawForm form, Objective objective, double delta, double[] logParameters,
                           double[] logTokens, double[] logFlops, double[] logLoss, double[] multiplicity) {
        this.form = form;
        this.objective = objective;
        this.delta = delta;
        this.logParameters = logParameters;
        this.logTokens = logTokens;
        this.logFlops = logFlops;
        this.logLoss = logLoss;
        this.multiplicity = multiplicity;
        this.parameterCount = form.parameterCount();
    }

    static LogLossProblem of(LawForm form, FitData data, Objective objective, double delta) {
        return new LogLossProblem(form, objective, delta, logs(data.parameters()), logs(data.tokens()),
                logs(data.flops()), logs(data.loss()), null);
    }

    /** The same problem with each run counted {@code multiplicity[i]} times. */
    LogLossProblem weighted(double[] multiplicity) {
        return new LogLossProblem(form, objective, delta, logParameters, logTokens, logFlops, logLoss,
                multiplicity.clone());
    }

    int parameterCount() {
        return parameterCount;
    }

    int size() {
        return logLoss.length;
    }

    LawForm form() {
        return form;
    }

    /** Predicted log loss of run i. */
    double logPrediction(double[] theta, int i) {
        return form.logLoss(theta, logParameters[i], logTokens[i], logFlops[i], null);
    }

    /** Observed log loss of run i. */
    double logLoss(int i) {
        return logLoss[i];
    }

    /**
     * The objective at {@code theta} and, into {@code hessian} (row-major p×p) and {@code gradient},
     * the iteratively reweighted Gauss–Newton model {@code Σ w_i ρ'(r_i)/r_i · ∇f_i ∇f_iᵀ} and the
     * exact gradient {@code Σ w_i ρ'(r_i) ∇f_i}. Returns NaN when any prediction is not finite.
     */
    double evaluate(double[] theta, double[] hessian, double[] gradient, double[] row) {
        int p = parameterCount;
        java.util.Arrays.fill(hessian, 0);
        java.util.Arrays.fill(gradient, 0);
        double value = 0;
        for (int i = 0; i < logLoss.length; i++) {
            double count = multiplicity == null ? 1 : multiplicity[i];
            if (count == 0) {
                continue;
            }
            double residual = form.logLoss(theta, logParameters[i], logTokens[i], logFlops[i], row) - logLoss[i];
            if (!Double.isFinite(residual)) {
                return Double.NaN;
            }
            value += count * objective.value(residual, delta);
            double slope = count * objective.slope(residual, delta);
            double weight = count * objective.weight(residual, delta);
            for (int j = 0; j < p; j++) {
                double rj = row[j];
                gradient[j] += slope * rj;
                double weighted = weight * rj;
                for (int k = 0; k <= j; k++) {
                    hessian[j * p + k] += weighted * row[k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                hessian[k * p + j] = hessian[j * p + k];
            }
        }
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /** The objective alone. */
    double value(double[] theta) {
        double value = 0;
        for (int i = 0; i < logLoss.length; i++) {
            double count = multiplicity == null ? 1 : multiplicity[i];
            if (count == 0) {
                continue;
            }
            double residual = form.logLoss(theta, logParameters[i], logTokens[i], logFlops[i], null) - logLoss[i];
            value += count * objective.value(residual, delta);
        }
        return Double.isFinite(value) ? value : Double.NaN;
    }

    private static double[] logs(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(values[i]);
        }
        return logs;
    }
}
