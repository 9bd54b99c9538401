package dev.scaleplan.planning;

import java.util.ArrayList;
import java.util.List;

import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.TrainingFlops;

/**
 * Common ways to split one budget, each scored with the project's law: the law's own compute-optimal
 * plan, Kaplan et al. 2020's allocation (a bigger model on fewer tokens), and an over-trained model
 * 4× smaller (cheaper to serve).
 */
public final class Alternatives {

    /** Kaplan et al. 2020, §6.1 (Fig. 14): N_opt ≈ 1.3e9 · (C / 1 PF-day)^0.73. */
    static final double KAPLAN_PARAMETERS_AT_ONE_PF_DAY = 1.3e9;
    static final double KAPLAN_EXPONENT = 0.73;
    /** 1 PF-day = 10¹⁵ FLOP/s · 86,400 s. */
    static final double PF_DAY = 8.64e19;
    /**
     * How much smaller than compute-optimal the inference-friendly alternative is. A fixed, round factor
     * in the range of popular over-trained models (Sardana et al. 2023 find several-fold smaller models
     * optimal once inference demand is large); {@link InferenceAware} finds the demand-specific optimum.
     */
    static final double OVERTRAINING_SHRINK = 4;

    private Alternatives() {
    }

    /**
     * The alternatives for {@code flops}. A law that cannot allocate compute gets only the Kaplan-style
     * split, which does not depend on the law.
     *
     * @throws IllegalArgumentException for a budget or k that is not finite and positive
     */
    public static List<Alternative> forBudget(ScalingLaw law, double flops, double flopsPerToken) {
        Checks.budget(flops, flopsPerToken);
        return forBudget(law, flops, TrainingFlops.linear(flopsPerToken));
    }

    /** As {@link #forBudget(ScalingLaw, double, double)}, with compute C = f(N)·D. */
    public static List<Alternative> forBudget(ScalingLaw law, double flops, TrainingFlops compute) {
        Checks.budget(flops, compute);
        double parameterTokens = Math.max(1, compute.parametersFor(flops));
        List<Alternative> alternatives = new ArrayList<>();
        PlanOutcome<Allocation> optimal = ComputeOptimal.allocation(law, flops, compute);
        if (optimal.isPlanned()) {
            alternatives.add(new Alternative("compute-optimal",
                    "Loss-minimising split of this budget under the project's fitted law (Hoffmann et al. 2022).",
                    optimal.orElseThrow()));
        }
        double kaplanParameters = KAPLAN_PARAMETERS_AT_ONE_PF_DAY * Math.pow(flops / PF_DAY, KAPLAN_EXPONENT);
        add(alternatives, "kaplan-2020", "Kaplan et al. 2020's compute-efficient frontier,"
                        + " N = 1.3e9·(C / 1 PF-day)^0.73: a larger model on fewer tokens.",
                Plans.atBudget(law, within(kaplanParameters, parameterTokens), flops, compute));
        if (optimal.isPlanned()) {
            double smaller = optimal.orElseThrow().parameters() / OVERTRAINING_SHRINK;
            add(alternatives, "over-trained-4x", "A model 4× smaller than compute-optimal on 4× the tokens:"
                            + " a slightly higher loss for a model about 4× cheaper to serve.",
                    Plans.atBudget(law, within(smaller, parameterTokens), flops, compute));
        }
        return List.copyOf(alternatives);
    }

    private static void add(List<Alternative> alternatives, String strategy, String description,
                            PlanOutcome<Allocation> outcome) {
        if (outcome.isPlanned()) {
            alternatives.add(new Alternative(strategy, description, outcome.orElseThrow()));
        }
    }

    /** Keeps N in [1, f⁻¹(C)] so that D stays at least one token. */
    private static double within(double parameters, double parameterTokens) {
        return Math.max(1, Math.min(parameterTokens, parameters));
    }
}
