package dev.scaleplan.plans;

import dev.scaleplan.fitting.TrainingFlops;
import dev.scaleplan.planning.PlanResult;
import dev.scaleplan.planning.PlanStrategy;

/**
 * A plan request turned into a planning strategy, after checking that the objective has the
 * fields it needs, with compute counted in the project's FLOPs convention. {@link #capped} gives the same
 * question for a model no larger than a cap.
 */
record PlanQuestion(PlanStrategy<? extends PlanResult> strategy, Double flops, Double targetLoss, TrainingFlops compute) {

    static PlanQuestion of(PlanRequest request, Double hardwareFlops, TrainingFlops compute) {
        return of(request, hardwareFlops, compute, null);
    }

    /** As above; {@code neededLoss} is the predictor value a target-metric plan must reach (else null). */
    static PlanQuestion of(PlanRequest request, Double hardwareFlops, TrainingFlops compute, Double neededLoss) {
        Double flops = hardwareFlops != null ? hardwareFlops
                : request.budget() == null ? null : request.budget().flops();
        Double target = neededLoss != null ? neededLoss : request.targetLoss();
        if (request.maxParameters() != null
                && !("compute-optimal".equals(request.objective()) || "target-loss".equals(request.objective()))) {
            throw PlanService.invalid("maxParameters", "applies to compute-optimal and target-loss plans only");
        }
        if (request.uniqueTokens() != null && !"compute-optimal".equals(request.objective())) {
            throw PlanService.invalid("uniqueTokens", "applies to compute-optimal plans only");
        }
        PlanStrategy<? extends PlanResult> strategy = switch (request.objective()) {
            case "compute-optimal" -> {
                double c = require(flops, "budget", "a budget (flops, or accelerator with count and hours) is required");
                yield PlanService.guard(() -> request.uniqueTokens() != null
                        ? PlanStrategy.dataConstrained(c, request.uniqueTokens(), compute)
                        : PlanStrategy.computeOptimal(c, compute));
            }
            case TargetMetricPlans.OBJECTIVE -> PlanService.guard(() -> PlanStrategy.targetLoss(neededLoss, compute));
            case "target-loss" -> {
                double t = require(target, "targetLoss", "is required");
                yield PlanService.guard(() -> PlanStrategy.targetLoss(t, compute));
            }
            case "inference-aware" -> {
                double inference = require(request.inferenceTokens(), "inferenceTokens", "is required");
                oneOf(flops, target);
                yield PlanService.guard(() -> target != null
                        ? PlanStrategy.inferenceAware(target, inference, compute)
                        : PlanStrategy.inferenceAwareForBudget(flops, inference, compute));
            }
            case "fixed-parameters" -> {
                double n = require(request.parameters(), "parameters", "is required");
                oneOf(flops, target);
                yield PlanService.guard(() -> target != null
                        ? PlanStrategy.fixedParametersForTargetLoss(n, target, compute)
                        : PlanStrategy.fixedParametersForBudget(n, flops, compute));
            }
            case "fixed-tokens" -> {
                double d = require(request.tokens(), "tokens", "is required");
                oneOf(flops, target);
                yield PlanService.guard(() -> target != null
                        ? PlanStrategy.fixedTokensForTargetLoss(d, target, compute)
                        : PlanStrategy.fixedTokensForBudget(d, flops, compute));
            }
            default -> throw PlanService.invalid("objective", "unknown objective");
        };
        return new PlanQuestion(strategy, flops, target, compute);
    }

    /** The same budget or target for a model of at most {@code maxParameters}. */
    PlanStrategy<? extends PlanResult> capped(double maxParameters) {
        return PlanService.guard(() -> targetLoss != null
                ? PlanStrategy.fixedParametersForTargetLoss(maxParameters, targetLoss, compute)
                : PlanStrategy.fixedParametersForBudget(maxParameters, flops, compute));
    }

    private static double require(Double value, String field, String message) {
        if (value == null) {
            throw PlanService.invalid(field, message);
        }
        return value;
    }

    private static void oneOf(Double flops, Double target) {
        if ((flops == null) == (target == null)) {
            throw PlanService.invalid("targetLoss", "give either targetLoss or a budget (exactly one)");
        }
    }
}
