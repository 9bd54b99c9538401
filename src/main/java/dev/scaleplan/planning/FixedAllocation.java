package dev.scaleplan.planning;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.TrainingFlops;

/**
 * Plans with one side of the allocation fixed: a given model size N (how many tokens?) or a given token
 * count D (how large a model?), either for a compute budget (C = k·N·D) or for a target loss (the least
 * amount whose predicted loss reaches the target, by Brent's method in log space up to
 * {@value #MAX_AMOUNT}). These work for any law, including a single power law.
 */
public final class FixedAllocation {

    /** The largest token or parameter count searched for a target loss. */
    public static final double MAX_AMOUNT = 1e60;

    private FixedAllocation() {
    }

    /** Tokens D = C/(kN) to spend {@code flops} on a model of {@code parameters}. */
    public static PlanOutcome<Allocation> tokensForBudget(ScalingLaw law, double parameters, double flops,
                                                          double flopsPerToken) {
        Checks.positive(parameters, "parameters");
        Checks.positive(flops, "flops");
        Checks.positive(flopsPerToken, "flopsPerToken");
        return tokensForBudget(law, parameters, flops, TrainingFlops.linear(flopsPerToken));
    }

    /** Tokens D = C/f(N) to spend {@code flops} on a model of {@code parameters}. */
    public static PlanOutcome<Allocation> tokensForBudget(ScalingLaw law, double parameters, double flops,
                                                          TrainingFlops compute) {
        Checks.positive(parameters, "parameters");
        Checks.positive(flops, "flops");
        return Plans.atBudget(law, parameters, flops, compute);
    }

    /** Parameters N = C/(kD) to spend {@code flops} on {@code tokens}. */
    public static PlanOutcome<Allocation> parametersForBudget(ScalingLaw law, double tokens, double flops,
                                                              double flopsPerToken) {
        Checks.positive(tokens, "tokens");
        Checks.positive(flops, "flops");
        Checks.positive(flopsPerToken, "flopsPerToken");
        return parametersForBudget(law, tokens, flops, TrainingFlops.linear(flopsPerToken));
    }

    /** Parameters N = f⁻¹(C/D) to spend {@code flops} on {@code tokens}. */
    public static PlanOutcome<Allocation> parametersForBudget(ScalingLaw law, double tokens, double flops,
                                                              TrainingFlops compute) {
        Checks.positive(tokens, "tokens");
        Checks.positive(flops, "flops");
        return Plans.of(law, compute.parametersFor(flops / tokens), tokens, compute);
    }

    /**
     * The fewest tokens with which a model of {@code parameters} reaches {@code targetLoss}; unreachable
     * when even unlimited tokens leave the loss at or above the target (L(N, ∞) ≥ target).
     */
    public static PlanOutcome<Allocation> tokensForTargetLoss(ScalingLaw law, double parameters, double targetLoss,
                                                              double flopsPerToken) {
        Checks.positive(parameters, "parameters");
        Checks.targetLoss(targetLoss, flopsPerToken);
        return tokensForTargetLoss(law, parameters, targetLoss, TrainingFlops.linear(flopsPerToken));
    }

    /** As {@link #tokensForTargetLoss(ScalingLaw, double, double, double)}, with compute C = f(N)·D. */
    public static PlanOutcome<Allocation> tokensForTargetLoss(ScalingLaw law, double parameters, double targetLoss,
                                                              TrainingFlops compute) {
        Checks.positive(parameters, "parameters");
        Checks.positive(targetLoss, "targetLoss");
        DoubleUnaryOperator lossOfTokens = tokens -> law.loss(parameters, tokens);
        return leastAmount(lossOfTokens, law, targetLoss, String.format(Locale.ROOT,
                "a model of %.4g parameters", parameters), "tokens", "a larger model")
                .flatMap(tokens -> Plans.of(law, parameters, tokens, compute));
    }

    /**
     * The smallest model that reaches {@code targetLoss} when trained on {@code tokens}; unreachable when
     * even an unlimited model leaves the loss at or above the target (L(∞, D) ≥ target).
     */
    public static PlanOutcome<Allocation> parametersForTargetLoss(ScalingLaw law, double tokens, double targetLoss,
                                                                  double flopsPerToken) {
        Checks.positive(tokens, "tokens");
        Checks.targetLoss(targetLoss, flopsPerToken);
        return parametersForTargetLoss(law, tokens, targetLoss, TrainingFlops.linear(flopsPerToken));
    }

    /** As {@link #parametersForTargetLoss(ScalingLaw, double, double, double)}, with compute C = f(N)·D. */
    public static PlanOutcome<Allocation> parametersForTargetLoss(ScalingLaw law, double tokens, double targetLoss,
                                                                  TrainingFlops compute) {
        Checks.positive(tokens, "tokens");
        Checks.positive(targetLoss, "targetLoss");
        DoubleUnaryOperator lossOfParameters = parameters -> law.loss(parameters, tokens);
        return leastAmount(lossOfParameters, law, targetLoss, String.format(Locale.ROOT,
                "training on %.4g tokens", tokens), "parameters", "more tokens")
                .flatMap(parameters -> Plans.of(law, parameters, tokens, compute));
    }

    /** The least x ≥ 1 with lossOf(x) ≤ target, for a loss non-increasing in x. */
    private static PlanOutcome<Double> leastAmount(DoubleUnaryOperator lossOf, ScalingLaw law, double targetLoss,
                                                   String fixedSide, String amountName, String remedy) {
        if (targetLoss <= law.irreducibleLoss()) {
            return PlanOutcome.unreachable(TargetLoss.belowIrreducible(law, targetLoss));
        }
        double limit = lossOf.applyAsDouble(Double.POSITIVE_INFINITY);
        if (Double.isFinite(limit) && limit >= targetLoss) {
            return PlanOutcome.unreachable(String.format(Locale.ROOT,
                    "Even with unlimited %s, %s reaches only loss %.4g, not the target %.4g; it needs %s.",
                    amountName, fixedSide, limit, targetLoss, remedy));
        }
        if (lossOf.applyAsDouble(1) <= targetLoss) {
            return PlanOutcome.planned(1.0);
        }
        double atMax = lossOf.applyAsDouble(MAX_AMOUNT);
        if (!(atMax <= targetLoss)) {
            return PlanOutcome.unreachable(String.format(Locale.ROOT,
                    "With %s, reaching loss %.4g needs more than %.0e %s.",
                    fixedSide, targetLoss, MAX_AMOUNT, amountName));
        }
        double logAmount = LogSearch.root(x -> lossOf.applyAsDouble(Math.exp(x)) - targetLoss, 0,
                Math.log(MAX_AMOUNT));
        return PlanOutcome.planned(Math.exp(logAmount));
    }
}
