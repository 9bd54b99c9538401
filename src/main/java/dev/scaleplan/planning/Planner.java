package dev.scaleplan.planning;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.Percentiles;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.TrainingFlops;

/**
 * Plans under a fitted law with its uncertainty: a strategy is evaluated on the best fit and on every
 * bootstrap draw, and the draws give percentile intervals (never a normal approximation).
 */
public final class Planner {

    private final ScalingLaw bestFit;
    private final List<ScalingLaw> draws;
    private final double confidenceLevel;

    /**
     * @param bestFit the fitted law
     * @param draws bootstrap refits of the same form (may be empty: then no intervals)
     * @param confidenceLevel coverage of the intervals, in (0, 1)
     * @throws IllegalArgumentException for a missing law or a confidence level outside (0, 1)
     */
    public Planner(ScalingLaw bestFit, List<ScalingLaw> draws, double confidenceLevel) {
        if (bestFit == null || draws == null || draws.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("bestFit and every draw must be present");
        }
        this.bestFit = bestFit;
        this.draws = List.copyOf(draws);
        this.confidenceLevel = Checks.confidenceLevel(confidenceLevel);
    }

    /**
     * The strategy's plan under the best fit, with intervals: N and D from re-planning under each draw
     * (draws where the plan is unreachable are skipped and counted), the loss from every draw's prediction
     * for the best-fit plan's run.
     *
     * @return the plan, or the best fit's failure
     */
    public <T extends PlanResult> PlanOutcome<UncertainPlan<T>> plan(PlanStrategy<T> strategy) {
        return strategy.plan(bestFit).map(plan -> withIntervals(plan, strategy));
    }

    /** Ways to spend {@code flops} side by side, under the best-fit law. */
    public List<Alternative> alternatives(double flops, double flopsPerToken) {
        return Alternatives.forBudget(bestFit, flops, flopsPerToken);
    }

    /** Ways to spend {@code flops} side by side, under the best-fit law, compute counted as C = f(N)·D. */
    public List<Alternative> alternatives(double flops, TrainingFlops compute) {
        return Alternatives.forBudget(bestFit, flops, compute);
    }

    /** The best-fit law plans are made on. */
    public ScalingLaw bestFit() {
        return bestFit;
    }

    private <T extends PlanResult> UncertainPlan<T> withIntervals(T plan, PlanStrategy<T> strategy) {
        double[] parameters = new double[draws.size()];
        double[] tokens = new double[draws.size()];
        double[] losses = new double[draws.size()];
        int replanned = 0;
        int finiteLosses = 0;
        for (ScalingLaw draw : draws) {
            PlanOutcome<T> outcome = strategy.plan(draw);
            if (outcome.isPlanned()) {
                Allocation allocation = outcome.orElseThrow().allocation();
                parameters[replanned] = allocation.parameters();
                tokens[replanned++] = allocation.tokens();
            }
            double loss = plan.lossUnder(draw);
            if (Double.isFinite(loss)) {
                losses[finiteLosses++] = loss;
            }
        }
        Optional<PlanIntervals> intervals = Optional.empty();
        if (replanned > 0 && finiteLosses > 0) {
            Allocation estimate = plan.allocation();
            intervals = Optional.of(new PlanIntervals(
                    interval(estimate.parameters(), Arrays.copyOf(parameters, replanned)),
                    interval(estimate.tokens(), Arrays.copyOf(tokens, replanned)),
                    interval(estimate.loss(), Arrays.copyOf(losses, finiteLosses))));
        }
        return new UncertainPlan<>(plan, intervals, confidenceLevel, replanned, draws.size());
    }

    /** The central interval of the draws, by {@link Percentiles} (type 7), the same as the fit's intervals. */
    private Estimate interval(double estimate, double[] sample) {
        return Percentiles.estimateInPlace(estimate, sample, confidenceLevel);
    }
}
