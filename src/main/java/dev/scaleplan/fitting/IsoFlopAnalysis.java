package dev.scaleplan.fitting;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The result of an IsoFLOP analysis (Hoffmann et al. 2022, Approach 2): per compute budget the
 * loss-minimising model size, tokens and loss with bootstrap intervals; across budgets the exponents
 * of N* ∝ C^a and D* ∝ C^b and the implied {@link IsoFlopLaw}. Only plain values, so it stores as JSON.
 *
 * @param budgets           every budget found, in increasing compute, usable or excluded with the reason
 * @param runsLeftOut       runs that belong to no budget
 * @param parametersExponent a, with its percentile interval
 * @param tokensExponent    b
 * @param lossExponent      γ in L* ∝ C^γ
 * @param law               the law at the point estimates
 * @param draws             the law of each successful bootstrap draw
 * @param bootstrapRequested draws asked for
 * @param confidenceLevel   coverage of every interval
 * @param seed              bootstrap seed
 * @param tolerance         relative FLOPs tolerance that grouped untagged runs
 * @param runsUsed          runs in usable budgets
 * @param parametersRange   observed N of those runs
 * @param tokensRange       observed D
 * @param flopsRange        observed C
 * @param sumOfSquares      Σ of squared log-loss residuals of the usable budgets' parabolas
 * @param rmseLogLoss       √(sumOfSquares / runsUsed)
 * @param aic               n·ln(RSS/n) + 2p, p = 3 per usable budget
 * @param bic               n·ln(RSS/n) + p·ln n
 */
public record IsoFlopAnalysis(List<Budget> budgets, List<LeftOutRun> runsLeftOut, Estimate parametersExponent,
                              Estimate tokensExponent, Estimate lossExponent, IsoFlopLaw law, List<IsoFlopLaw> draws,
                              int bootstrapRequested, double confidenceLevel, long seed, double tolerance,
                              int runsUsed, Range parametersRange, Range tokensRange, Range flopsRange,
                              double sumOfSquares, double rmseLogLoss, double aic, double bic)
        implements IsoFlopOutcome {

    public IsoFlopAnalysis {
        budgets = List.copyOf(budgets);
        runsLeftOut = List.copyOf(runsLeftOut);
        draws = List.copyOf(draws);
        Objects.requireNonNull(law, "law");
    }

    /**
     * One compute budget.
     *
     * @param flops              its compute C (geometric mean of its runs' FLOPs)
     * @param tag                its {@code budget} tag, or null when grouped by compute
     * @param runIds             the runs in it
     * @param parametersOptimal  N*, null when excluded
     * @param tokensOptimal      D* = C/(k·N*), null when excluded
     * @param lossOptimal        L*, null when excluded
     * @param curvature          d² ln L / d(ln N)² of its parabola, null when there is none
     * @param excluded           whether it is left out of the fit across budgets
     * @param reason             why, in words; null when usable
     */
    public record Budget(double flops, String tag, List<Long> runIds, Estimate parametersOptimal,
                         Estimate tokensOptimal, Estimate lossOptimal, Double curvature, boolean excluded,
                         String reason) {
        public Budget {
            runIds = List.copyOf(runIds);
        }

        /** Number of runs in the budget. */
        public int runs() {
            return runIds.size();
        }
    }

    /** A run in no budget, and why. */
    public record LeftOutRun(long runId, double flops, String reason) {
    }

    /** Budgets used for the exponents. */
    public List<Budget> usableBudgets() {
        return budgets.stream().filter(budget -> !budget.excluded()).toList();
    }

    /** Successful bootstrap draws. */
    public int bootstrapSize() {
        return draws.size();
    }

    /** A quantity of the law at the estimate, with the percentile interval over the draws' laws. */
    public Estimate band(ToDoubleFunction<? super IsoFlopLaw> quantity) {
        double[] values = draws.stream().mapToDouble(quantity).toArray();
        return Percentiles.estimate(quantity.applyAsDouble(law), values, confidenceLevel);
    }

    /** The draws as plain {@link ScalingLaw}s, for planners. */
    public List<ScalingLaw> drawLaws() {
        return List.copyOf(draws);
    }
}
