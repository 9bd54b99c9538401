package dev.scaleplan.fitting;

/**
 * Levenberg–Marquardt for a Huber (or squared) objective on log-loss residuals. The curvature
 * model is Gauss–Newton with the residuals beyond δ given a fraction η of their majorising IRLS
 * weight δ/|r|: η = 1 is the classic, always-descending but slow IRLS model; η → 0 is Newton's
 * model of the piecewise-quadratic Huber loss, fast near an optimum. η adapts like the damping:
 * it falls after steps the model predicted well and rises after poor or rejected ones. Damping
 * follows Nielsen (1999) with Moré's (1978) diagonal scaling.
 * Parameters stay in the form's box ({@link LawForm#internalLowerBounds()} and upper): a projected
 * method in the style of Bertsekas (1982) — a parameter at a bound whose gradient pushes outward is
 * held fixed for the step (its row and column of the system are dropped), and every trial point is
 * clipped into the box, its predicted decrease computed for the step actually taken.
 * Written here because Commons Math's {@code LevenbergMarquardtOptimizer} handles plain sums of
 * squares only, has no bounds, and allocates matrices per iteration, too slow for thousands of starts.
 */
final class RobustLevenbergMarquardt {

    /**
     * When to stop one minimisation, and how boldly it starts: a cold start (far from any optimum)
     * begins damped and close to IRLS; a warm start (next to an optimum, e.g. a bootstrap refit from
     * the best fit) begins almost undamped and close to Newton, which halves its iterations.
     */
    record Tolerance(int maxIterations, double relativeDecrease, double relativeStep, double initialDamping,
                     double initialOutsideCurvature) {

        private static final double COLD_DAMPING = 1e-3;
        private static final double COLD_OUTSIDE_CURVATURE = 0.3;
        private static final double WARM_DAMPING = 1e-6;
        private static final double WARM_OUTSIDE_CURVATURE = 0.01;

        Tolerance(int maxIterations, double relativeDecrease, double relativeStep) {
            this(maxIterations, relativeDecrease, relativeStep, COLD_DAMPING, COLD_OUTSIDE_CURVATURE);
        }

        /** The approach of a start on a subsample of the runs, before {@link #SCREENING}. */
        static final Tolerance APPROACH = new Tolerance(100, 1e-5, 1e-5);

        /** Each grid start: loose enough to sort thousands of starts quickly. */
        static final Tolerance SCREENING = new Tolerance(200, 1e-7, 1e-7);

        /** Tight: the optimum reported to the caller. */
        static final Tolerance POLISHING = new Tolerance(2000, 1e-14, 1e-11);

        /** As tight, warm: {@link #polish}'s restart where a polishing stopped. */
        static final Tolerance FINISHING = new Tolerance(2000, 1e-14, 1e-11, WARM_DAMPING, WARM_OUTSIDE_CURVATURE);

        /** A bootstrap refit, warm-started next to its optimum. */
        static final Tolerance BOOTSTRAP = new Tolerance(500, 1e-12, 1e-9, WARM_DAMPING, WARM_OUTSIDE_CURVATURE);
    }

    /** Where a minimisation ended. */
    record Result(double[] theta, double objective, int iterations, boolean converged) {

        /** No minimisation was done (the fit was stopped). */
        static final Result NONE = new Result(new double[0], Double.NaN, 0, false);

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

    /** ParameterDomains of η and its factors of change; tuned on Hoffmann's grid. */
    private static final double MIN_OUTSIDE_CURVATURE = 0.01;
    private static final double OUTSIDE_CURVATURE_DECREASE = 0.5;
    private static final double OUTSIDE_CURVATURE_INCREASE = 4;

    private RobustLevenbergMarquardt() {
    }

    /**
     * Minimises to {@link Tolerance#POLISHING}, then again, warm, from where that stopped. A cold start's damping
     * can shrink its steps along a flat valley below {@code relativeStep}, which stops it short (objective
     * 4.7e-22 for 1e-29 on noiseless data); the warm restart, damped as Madsen, Nielsen and Tingleff (2004)
     * advise for a good start, finishes in a few iterations and leaves a converged optimum where it is.
     */
    static Result polish(LogLossProblem problem, double[] start) {
        Result cold = minimise(problem, start, Tolerance.POLISHING);
        return cold.isFinite() ? minimise(problem, cold.theta(), Tolerance.FINISHING) : cold;
    }

    static Result minimise(LogLossProblem problem, double[] start, Tolerance tolerance) {
        int p = problem.parameterCount();
        double[] lower = problem.form().internalLowerBounds();
        double[] upper = problem.form().internalUpperBounds();
        double[] theta = start.clone();
        for (int j = 0; j < p; j++) {
            theta[j] = clip(theta[j], lower[j], upper[j]);
        }
        boolean[] held = new boolean[p];
        double[] trial = new double[p];
        double[] inside = new double[p * p];
        double[] outside = new double[p * p];
        double[] gradient = new double[p];
        double[] trialInside = new double[p * p];
        double[] trialOutside = new double[p * p];
        double[] trialGradient = new double[p];
        double[] row = new double[LogLossProblem.MAX_PARAMETERS];
        double[] scale = new double[p];
        double[] model = new double[p * p];
        double[] system = new double[p * p];
        double[] step = new double[p];

        double value = problem.evaluate(theta, inside, outside, gradient, row);
        if (Double.isNaN(value)) {
            return new Result(theta, Double.NaN, 0, false);
        }
        double damping = tolerance.initialDamping();
        double growth = 2;
        double eta = tolerance.initialOutsideCurvature();
        for (int iteration = 1; iteration <= tolerance.maxIterations(); iteration++) {
            boolean stationary = true;
            double maxScale = 0;
            for (int j = 0; j < p; j++) {
                scale[j] = Math.max(scale[j], inside[j * p + j] + outside[j * p + j]);
                maxScale = Math.max(maxScale, scale[j]);
                // Held: at a bound with the descent direction −gradient pointing out of the box.
                held[j] = (theta[j] <= lower[j] && gradient[j] > 0) || (theta[j] >= upper[j] && gradient[j] < 0);
                stationary &= held[j] || gradient[j] == 0;
            }
            if (stationary) {
                return new Result(theta, value, iteration, true);
            }
            for (int index = 0; index < p * p; index++) {
                model[index] = inside[index] + eta * outside[index];
            }
            System.arraycopy(model, 0, system, 0, p * p);
            for (int j = 0; j < p; j++) {
                system[j * p + j] += damping * Math.max(scale[j], 1e-12 * maxScale + Double.MIN_NORMAL);
                step[j] = held[j] ? 0 : -gradient[j];
            }
            for (int j = 0; j < p; j++) {
                if (held[j]) {
                    for (int k = 0; k < p; k++) {
                        system[j * p + k] = 0;
                        system[k * p + j] = 0;
                    }
                    system[j * p + j] = 1;
                }
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
                step[j] = clip(theta[j] + step[j], lower[j], upper[j]) - theta[j];
            }
            for (int j = 0; j < p; j++) {
                double curvature = 0;
                for (int k = 0; k < p; k++) {
                    curvature += model[j * p + k] * step[k];
                }
                predictedDecrease -= gradient[j] * step[j] + 0.5 * step[j] * curvature;
                trial[j] = clip(theta[j] + step[j], lower[j], upper[j]);
                smallStep &= Math.abs(step[j]) <= tolerance.relativeStep() * (1 + Math.abs(theta[j]));
            }
            double trialValue = problem.evaluate(trial, trialInside, trialOutside, trialGradient, row);
            if (trialValue < value) {
                double decrease = value - trialValue;
                double ratio = predictedDecrease > 0 ? decrease / predictedDecrease : 0;
                double[] swap = theta;
                theta = trial;
                trial = swap;
                swap = inside;
                inside = trialInside;
                trialInside = swap;
                swap = outside;
                outside = trialOutside;
                trialOutside = swap;
                swap = gradient;
                gradient = trialGradient;
                trialGradient = swap;
                value = trialValue;
                damping = Math.max(damping * Math.max(1.0 / 3, 1 - Math.pow(2 * ratio - 1, 3)), 1e-15);
                growth = 2;
                if (ratio > 0.75) {
                    eta = Math.max(MIN_OUTSIDE_CURVATURE, eta * OUTSIDE_CURVATURE_DECREASE);
                } else if (ratio < 0.25) {
                    eta = Math.min(1, eta * OUTSIDE_CURVATURE_INCREASE);
                }
                if (decrease <= tolerance.relativeDecrease() * value || smallStep) {
                    return new Result(theta, value, iteration, true);
                }
            } else {
                if (smallStep) {
                    return new Result(theta, value, iteration, true);
                }
                if (eta < 1) {
                    eta = Math.min(1, eta * OUTSIDE_CURVATURE_INCREASE);
                } else {
                    damping *= growth;
                    growth *= 2;
                }
                if (damping > MAX_DAMPING) {
                    return new Result(theta, value, iteration, true);
                }
            }
        }
        return new Result(theta, value, tolerance.maxIterations(), false);
    }

    private static double clip(double value, double lower, double upper) {
        return Math.max(lower, Math.min(upper, value));
    }
}
