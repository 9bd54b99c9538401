package dev.scaleplan.fitting;

/**
 * Levenberg–Marquardt on the iteratively reweighted Gauss–Newton model of a Huber (or squared)
 * objective, with Moré's diagonal scaling and Nielsen's damping update.
 * Written here because Commons Math's {@code LevenbergMarquardtOptimizer} minimises plain sums
 * of squares only and allocates matrices per iteration, too slow for thousands of starts.
 */
final class RobustLevenbergMarquardt {

    /** When to stop one minimisation. */
    record Tolerance(int maxIterations, double relativeDecrease, double relativeStep) {

        /** Loose enough to sort thousands of grid starts quickly. */
        static final Tolerance SCREENING = new Tolerance(100, 1e-7, 1e-7);

        /** Tight: the optimum reported to the caller. */
        static final Tolerance POLISHING = new Tolerance(2000, 1e-14, 1e-11);

        /** A bootstrap refit, warm-started next to its optimum. */
        static final Tolerance BOOTSTRAP = new Tolerance(500, 1e-12, 1e-9);
    }

    /** Where a minimisation ended. */
    record Result(double[] theta, double objective, int iterations, boolean converged) {

        boolean isFinite() {
            if (!Double.isFinite(objective)) {
                return false;
            }
            for (double value : theta) {
                if (!Double.isFinite(value)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final double MAX_DAMPING = 1e20;

    private RobustLevenbergMarquardt() {
    }

    static Result minimise(LogLossProblem problem, double[] start, Tolerance tolerance) {
        int p = problem.parameterCount();
        double[] theta = start.clone();
        double[] trial = new double[p];
        double[] hessian = new double[p * p];
        double[] gradient = new double[p];
        double[] trialHessian = new double[p * p];
        double[] trialGradient = new double[p];
        double[] row = new double[p];
        double[] scale = new double[p];
        double[] system = new double[p * p];
        double[] step = new double[p];

        double value = problem.evaluate(theta, hessian, gradient, row);
        if (Double.isNaN(value)) {
            return new Result(theta, Double.NaN, 0, false);
        }
        double damping = 1e-3;
        double growth = 2;
        for (int iteration = 1; iteration <= tolerance.maxIterations(); iteration++) {
            boolean stationary = true;
            for (int j = 0; j < p; j++) {
                scale[j] = Math.max(scale[j], hessian[j * p + j]);
                stationary &= gradient[j] == 0;
            }
            if (stationary) {
                return new Result(theta, value, iteration, true);
            }
            double maxScale = 0;
            for (int j = 0; j < p; j++) {
                maxScale = Math.max(maxScale, scale[j]);
            }
            System.arraycopy(hessian, 0, system, 0, p * p);
            for (int j = 0; j < p; j++) {
                system[j * p + j] += damping * Math.max(scale[j], 1e-12 * maxScale + Double.MIN_NORMAL);
                step[j] = -gradient[j];
            }
            if (!Cholesky.solveInPlace(system, step, p)) {
                damping *= growth;
                growth *= 2;
                if (damping > MAX_DAMPING) {
                    return new Result(theta, value, iteration, true);
                }
                continue;
            }
            double predictedDecrease = 0;
            boolean smallStep = true;
            for (int j = 0; j < p; j++) {
                double hs = 0;
                for (int k = 0; k < p; k++) {
                    hs += hessian[j * p + k] * step[k];
                }
                predictedDecrease -= gradient[j] * step[j] + 0.5 * step[j] * hs;
                trial[j] = theta[j] + step[j];
                smallStep &= Math.abs(step[j]) <= tolerance.relativeStep() * (1 + Math.abs(theta[j]));
            }
            double trialValue = problem.evaluate(trial, trialHessian, trialGradient, row);
            if (trialValue < value) {
                double decrease = value - trialValue;
                double ratio = predictedDecrease > 0 ? decrease / predictedDecrease : 0;
                double[] swap = theta;
                theta = trial;
                trial = swap;
                swap = hessian;
                hessian = trialHessian;
                trialHessian = swap;
                swap = gradient;
                gradient = trialGradient;
                trialGradient = swap;
                value = trialValue;
                damping *= Math.max(1.0 / 3, 1 - Math.pow(2 * ratio - 1, 3));
                damping = Math.max(damping, 1e-15);
                growth = 2;
                if (decrease <= tolerance.relativeDecrease() * value || smallStep) {
                    return new Result(theta, value, iteration, true);
                }
            } else {
                if (smallStep) {
                    return new Result(theta, value, iteration, true);
                }
                damping *= growth;
                growth *= 2;
                if (damping > MAX_DAMPING) {
                    return new Result(theta, value, iteration, true);
                }
            }
        }
        return new Result(theta, value, tolerance.maxIterations(), false);
    }
}
