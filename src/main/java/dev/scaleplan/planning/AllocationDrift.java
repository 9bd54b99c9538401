package dev.scaleplan.planning;

import dev.scaleplan.fitting.Estimate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.scaleplan.fitting.ScalingLaw;

/**
 * How far the compute-optimal allocation of one budget moved when the largest runs were added: each
 * backtest cut-off's refit plans the budget, and its N* and D* are divided by the full fit's. A law
 * whose N* moved 2.6× when its largest 30% of runs were added can move as much again with the next
 * larger runs, which the bootstrap (noise inside the fitted runs) does not see; plans widen their N and
 * D intervals to cover that movement ({@link #widen}).
 *
 * @param flops  the budget planned
 * @param shifts one per cut-off whose refit could plan the budget, in increasing cut-off
 */
public record AllocationDrift(double flops, List<Shift> shifts) {

    /** Beyond this factor a plan warns about the drift. */
    public static final double LARGE = 1.5;

    public AllocationDrift {
        shifts = List.copyOf(shifts);
    }

    /**
     * A cut-off's refit, with its bootstrap draws (may be empty).
     *
     * @param cutoffFlops  runs with C below it were fitted
     * @param addedShare   share of the runs at or above the cut-off (what the full fit added)
     */
    public record Refit(double cutoffFlops, double addedShare, ScalingLaw law, List<ScalingLaw> draws) {

        public Refit {
            draws = List.copyOf(draws);
        }
    }

    /**
     * One cut-off's movement: the refit's N* and D* over the full fit's, each with the refit's own
     * bootstrap interval divided by the full fit's estimate (no interval, lower = upper, without draws).
     */
    public record Shift(double cutoffFlops, double addedShare, Estimate parametersRatio, Estimate tokensRatio) {

        /** The larger of the two movements as a factor ≥ 1 (2.6 for N* at 0.38× or 2.6× the full fit's). */
        public double factor() {
            return Math.max(factor(parametersRatio.estimate()), factor(tokensRatio.estimate()));
        }

        private static double factor(double ratio) {
            return Math.exp(Math.abs(Math.log(ratio)));
        }
    }

    /**
     * The drift at {@code flops}: the full law's compute-optimal allocation against each refit's; refits
     * that cannot plan the budget are left out.
     */
    public static AllocationDrift at(ScalingLaw full, List<Refit> refits, double flops, double flopsPerToken,
                                     double confidenceLevel) {
        PlanStrategy<Allocation> strategy = PlanStrategy.computeOptimal(flops, flopsPerToken);
        PlanOutcome<Allocation> planned = strategy.plan(full);
        List<Shift> shifts = new ArrayList<>();
        if (!planned.isPlanned()) {
            return new AllocationDrift(flops, shifts);
        }
        Allocation best = planned.orElseThrow();
        for (Refit refit : refits) {
            PlanOutcome<UncertainPlan<Allocation>> outcome = new Planner(refit.law(), refit.draws(), confidenceLevel)
                    .plan(strategy);
            if (!outcome.isPlanned()) {
                continue;
            }
            UncertainPlan<Allocation> plan = outcome.orElseThrow();
            Allocation moved = plan.plan();
            Optional<PlanIntervals> intervals = plan.intervals();
            Estimate parameters = ratio(moved.parameters(), intervals.map(PlanIntervals::parameters), best.parameters());
            Estimate tokens = ratio(moved.tokens(), intervals.map(PlanIntervals::tokens), best.tokens());
            if (finite(parameters) && finite(tokens)) {
                shifts.add(new Shift(refit.cutoffFlops(), refit.addedShare(), parameters, tokens));
            }
        }
        shifts.sort(Comparator.comparingDouble(Shift::cutoffFlops));
        return new AllocationDrift(flops, shifts);
    }

    /** The shift with the largest movement, if any. */
    public Optional<Shift> largest() {
        return shifts.stream().max(Comparator.comparingDouble(Shift::factor));
    }

    /** The largest movement of N* as a factor ≥ 1; 1 without shifts. */
    public double parametersFactor() {
        return shifts.stream().mapToDouble(s -> Shift.factor(s.parametersRatio().estimate())).max().orElse(1);
    }

    /** The largest movement of D* as a factor ≥ 1; 1 without shifts. */
    public double tokensFactor() {
        return shifts.stream().mapToDouble(s -> Shift.factor(s.tokensRatio().estimate())).max().orElse(1);
    }

    /** Whether a plan should warn about it. */
    public boolean isLarge() {
        return Math.max(parametersFactor(), tokensFactor()) > LARGE;
    }

    /**
     * An interval around {@code estimate} widened to hold {@code estimate/factor} and {@code estimate·factor}:
     * the bootstrap interval joined with the movement the backtest saw, in either direction (the next runs
     * may move the optimum either way).
     */
    public static Estimate widen(double estimate, double lower, double upper, double factor) {
        return new Estimate(estimate, Math.min(lower, estimate / factor), Math.max(upper, estimate * factor));
    }

    /** The largest drift in words, e.g. "N* at 1.00e+24 FLOPs moved 2.6× (D* 2.5×) when …"; empty without shifts. */
    public Optional<String> sentence() {
        return largest().map(shift -> "N* at " + Extrapolation.number(flops) + " FLOPs moved "
                + Extrapolation.times(Shift.factor(shift.parametersRatio().estimate())) + " (D* "
                + Extrapolation.times(Shift.factor(shift.tokensRatio().estimate())) + ") when the largest "
                + Math.round(100 * shift.addedShare()) + "% of runs (by compute, from "
                + Extrapolation.number(shift.cutoffFlops()) + " FLOPs) were added");
    }

    private static Estimate ratio(double moved, Optional<Estimate> interval, double full) {
        return interval.map(i -> new Estimate(moved / full, i.lower() / full, i.upper() / full))
                .orElse(new Estimate(moved / full, moved / full, moved / full));
    }

    private static boolean finite(Estimate interval) {
        return Double.isFinite(interval.estimate()) && Double.isFinite(interval.lower())
                && Double.isFinite(interval.upper()) && interval.estimate() > 0;
    }
}
