package dev.scaleplan.planning;

import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.TrainingFlops;

/** Builds allocations from a law, turning a non-finite predicted loss into an unreachable outcome. */
final class Plans {

    private Plans() {
    }

    /** N parameters on the rest of a budget: D = C/f(N). */
    static PlanOutcome<Allocation> atBudget(ScalingLaw law, double parameters, double flops, TrainingFlops compute) {
        return build(law, parameters, compute.tokens(parameters, flops), flops);
    }

    /** N parameters on D tokens: C = f(N)·D. */
    static PlanOutcome<Allocation> of(ScalingLaw law, double parameters, double tokens, TrainingFlops compute) {
        return build(law, parameters, tokens, compute.flops(parameters, tokens));
    }

    private static PlanOutcome<Allocation> build(ScalingLaw law, double parameters, double tokens, double flops) {
        return checked(parameters, tokens, flops, law.loss(parameters, tokens));
    }

    /** An allocation with a loss the caller computed, or unreachable when any figure is not finite. */
    static PlanOutcome<Allocation> checked(double parameters, double tokens, double flops, double loss) {
        if (!(Double.isFinite(parameters) && Double.isFinite(tokens) && Double.isFinite(flops) && parameters > 0
                && tokens > 0 && flops > 0)) {
            return PlanOutcome.unreachable("The plan needs a model or token count beyond floating-point range"
                    + " (N = " + parameters + ", D = " + tokens + ").");
        }
        if (!Double.isFinite(loss) || loss < 0) {
            return PlanOutcome.unreachable("The law predicts no finite loss for N = " + parameters
                    + " parameters and D = " + tokens + " tokens.");
        }
        return PlanOutcome.planned(new Allocation(parameters, tokens, flops, loss));
    }
}
