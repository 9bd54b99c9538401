package dev.scaleplan.planning;

import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * One-dimensional searches on a log scale (x = ln N, ln D or ln C), built on Commons Math's Brent
 * methods. Non-finite function values count as +infinity, so a search never returns NaN.
 */
final class LogSearch {

    private static final int GRID_POINTS = 96;
    private static final int MAX_EVALUATIONS = 500;

    private LogSearch() {
    }

    /**
     * The x in [lo, hi] minimising f: a grid scan finds the best cell (so a poor bracket or a flat region
     * cannot mislead Brent), then Brent's method polishes inside the two cells around it.
     */
    static double minimise(DoubleUnaryOperator f, double lo, double hi) {
        if (!(hi > lo)) {
            return lo;
        }
        DoubleUnaryOperator safe = x -> finiteOrHuge(f.applyAsDouble(x));
        double step = (hi - lo) / GRID_POINTS;
        int best = 0;
        double bestValue = Double.MAX_VALUE;
        for (int i = 0; i <= GRID_POINTS; i++) {
            double value = safe.applyAsDouble(lo + i * step);
            if (value < bestValue) {
                bestValue = value;
                best = i;
            }
        }
        double start = lo + best * step;
        double left = Math.max(lo, start - step);
        double right = Math.min(hi, start + step);
        UnivariatePointValuePair polished = new BrentOptimizer(1e-12, 1e-14).optimize(
                new MaxEval(MAX_EVALUATIONS),
                new UnivariateObjectiveFunction(safe::applyAsDouble),
                GoalType.MINIMIZE,
                new SearchInterval(left, right, start));
        return polished.getValue() <= bestValue ? polished.getPoint() : start;
    }

    /**
     * A root of the monotone f in [lo, hi]; the caller has checked that f changes sign between the ends.
     */
    static double root(DoubleUnaryOperator f, double lo, double hi) {
        double atLo = f.applyAsDouble(lo);
        double atHi = f.applyAsDouble(hi);
        if (atLo == 0) {
            return lo;
        }
        if (atHi == 0) {
            return hi;
        }
        DoubleUnaryOperator bounded = x -> bounded(f.applyAsDouble(x));
        return new BrentSolver(1e-15, 1e-13, 1e-300).solve(MAX_EVALUATIONS, bounded::applyAsDouble, lo, hi);
    }

    /** Keeps Brent's interpolation finite: ±infinity becomes ±1e300 (NaN counts as +). */
    private static double bounded(double value) {
        return Double.isNaN(value) ? 1e300 : Math.max(-1e300, Math.min(1e300, value));
    }

    private static double finiteOrHuge(double value) {
        return Double.isFinite(value) ? value : Double.MAX_VALUE;
    }
}
