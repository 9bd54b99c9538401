package dev.scaleplan.planning;

import dev.scaleplan.fitting.ChinchillaLaw;
import dev.scaleplan.fitting.DataConstrainedLaw;
import dev.scaleplan.fitting.RepeatedDataLaw;
import dev.scaleplan.fitting.Repetition;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.TrainingFlops;

/**
 * Compute-optimal planning with a cap on unique data (Muennighoff et al. 2023, "Scaling Data-Constrained
 * Language Models", §3). Repeated tokens are worth less than fresh ones, and so are parameters beyond what
 * the unique data can use: the law is evaluated at the effective data D' (their eq. 5) and effective
 * parameters N' (eq. 6), see {@link DataConstrainedLaw}.
 *
 * <p>A fitted data-constrained law brings its own R*_D and R*_N. Any other law gets the paper's published
 * constants ({@link Repetition#PUBLISHED_R_STAR_D}, {@link Repetition#PUBLISHED_R_STAR_N}); N' needs the
 * compute-optimal size for the unique data in closed form, so for a law other than Hoffmann's only D' is
 * applied (the plan's R*_N is null), which understates the penalty for models far larger than the data can use.
 */
public final class DataConstrained {

    private DataConstrained() {
    }

    /** Effective data D' for {@code tokens} drawn from {@code uniqueTokens} unique tokens, with the published R*_D. */
    public static double effectiveTokens(double tokens, double uniqueTokens) {
        Checks.positive(tokens, "tokens");
        Checks.positive(uniqueTokens, "uniqueTokens");
        return Repetition.effective(tokens, uniqueTokens, Repetition.PUBLISHED_R_STAR_D);
    }

    /**
     * {@code law} itself when it models repeated data, else {@code law} with the published constants on top
     * (both R* for a Hoffmann law, R*_D only for any other).
     */
    public static RepeatedDataLaw repeated(ScalingLaw law) {
        if (law instanceof RepeatedDataLaw repeated) {
            return repeated;
        }
        if (law instanceof ChinchillaLaw chinchilla) {
            return DataConstrainedLaw.published(chinchilla);
        }
        return new TokensOnly(law);
    }

    /** Whether plans under {@code law} rest on the published constants rather than a fitted R*. */
    public static boolean usesPublishedConstants(ScalingLaw law) {
        return !(law instanceof RepeatedDataLaw);
    }

    /**
     * The N (with D = C/(kN)) minimising L(N, D, U) for the budget, by Brent's method in ln N. When the
     * unconstrained compute-optimal plan needs no more than U tokens, it is the answer unchanged.
     *
     * @return the plan, or {@link PlanOutcome.CannotAllocate} for a law in one variable
     * @throws IllegalArgumentException for a budget, cap or k that is not finite and positive
     */
    public static PlanOutcome<DataConstrainedPlan> plan(ScalingLaw law, double flops, double uniqueTokens,
                                                        double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        return plan(law, flops, uniqueTokens, TrainingFlops.linear(flopsPerToken));
    }

    /** As {@link #plan(ScalingLaw, double, double, double)}, with compute C = f(N)·D. */
    public static PlanOutcome<DataConstrainedPlan> plan(ScalingLaw law, double flops, double uniqueTokens,
                                                        TrainingFlops compute) {
        Checks.budget(flops, compute);
        Checks.positive(uniqueTokens, "uniqueTokens");
        // With unlimited data the optimum never exceeds U_N, so the fresh-data law gives the same plan, in closed form.
        ScalingLaw fresh = law instanceof DataConstrainedLaw fitted ? fitted.base() : law;
        return ComputeOptimal.allocation(fresh, flops, compute)
                .flatMap(unconstrained -> plan(repeated(law), flops, uniqueTokens, compute, unconstrained));
    }

    private static PlanOutcome<DataConstrainedPlan> plan(RepeatedDataLaw law, double flops, double uniqueTokens,
                                                         TrainingFlops compute, Allocation unconstrained) {
        if (unconstrained.tokens() <= uniqueTokens) {
            return PlanOutcome.planned(new DataConstrainedPlan(unconstrained, uniqueTokens,
                    unconstrained.tokens() / uniqueTokens, unconstrained.tokens(), unconstrained, 0, law.rStarD(),
                    rStarN(law)));
        }
        double largest = Math.max(1, compute.parametersFor(flops));
        double logParameters = LogSearch.minimise(x -> {
            double parameters = Math.exp(x);
            return law.loss(parameters, compute.tokens(parameters, flops), uniqueTokens);
        }, 0, Math.log(largest));
        double parameters = Math.exp(logParameters);
        double tokens = compute.tokens(parameters, flops);
        return Plans.checked(parameters, tokens, flops, law.loss(parameters, tokens, uniqueTokens))
                .map(allocation -> new DataConstrainedPlan(allocation, uniqueTokens, tokens / uniqueTokens,
                        law.effectiveTokens(tokens, uniqueTokens), unconstrained,
                        Math.max(0, allocation.loss() - unconstrained.loss()), law.rStarD(), rStarN(law)));
    }

    private static Double rStarN(RepeatedDataLaw law) {
        return Double.isNaN(law.rStarN()) ? null : law.rStarN();
    }

    /** A law on fresh data with only the data term's published R*_D applied. */
    private record TokensOnly(ScalingLaw base) implements RepeatedDataLaw {

        @Override
        public double loss(double parameters, double tokens, double uniqueTokens) {
            return base.loss(parameters, effectiveTokens(tokens, uniqueTokens));
        }

        @Override
        public double rStarD() {
            return Repetition.PUBLISHED_R_STAR_D;
        }

        @Override
        public double rStarN() {
            return Double.NaN;
        }

        @Override
        public double irreducibleLoss() {
            return base.irreducibleLoss();
        }

        @Override
        public boolean allocatesCompute() {
            return base.allocatesCompute();
        }
    }
}
