package dev.scaleplan.planning;

import static dev.scaleplan.planning.FiniteResults.assertAllFinite;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.scaleplan.fitting.ChinchillaLaw;
import dev.scaleplan.fitting.KaplanLaw;
import dev.scaleplan.fitting.ScalingLaw;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Plans never carry NaN or infinity, for any sensible law and any budget from 1e15 to 1e30 FLOPs. */
class PlanningProperties {

    @Property(tries = 200, seed = "20240417")
    void chinchillaPlansAreAlwaysFinite(
            @ForAll @DoubleRange(min = 0, max = 4) double irreducibleLoss,
            @ForAll @DoubleRange(min = -1, max = 6) double log10ParameterCoefficient,
            @ForAll @DoubleRange(min = -1, max = 6) double log10TokenCoefficient,
            @ForAll @DoubleRange(min = 0.02, max = 1.5) double alpha,
            @ForAll @DoubleRange(min = 0.02, max = 1.5) double beta,
            @ForAll @DoubleRange(min = 15, max = 30) double log10Flops,
            @ForAll @DoubleRange(min = 6, max = 16) double log10Tokens) {
        ChinchillaLaw law = new ChinchillaLaw(irreducibleLoss, Math.pow(10, log10ParameterCoefficient),
                Math.pow(10, log10TokenCoefficient), alpha, beta);
        assertPlansFinite(law, Math.pow(10, log10Flops), Math.pow(10, log10Tokens));
    }

    @Property(tries = 100, seed = "20240417")
    void kaplanPlansAreAlwaysFinite(
            @ForAll @DoubleRange(min = 10, max = 16) double log10CriticalParameters,
            @ForAll @DoubleRange(min = 10, max = 16) double log10CriticalTokens,
            @ForAll @DoubleRange(min = 0.03, max = 0.5) double alphaN,
            @ForAll @DoubleRange(min = 0.03, max = 0.5) double alphaD,
            @ForAll @DoubleRange(min = 15, max = 30) double log10Flops,
            @ForAll @DoubleRange(min = 6, max = 16) double log10Tokens) {
        KaplanLaw law = new KaplanLaw(Math.pow(10, log10CriticalParameters), Math.pow(10, log10CriticalTokens),
                alphaN, alphaD);
        assertPlansFinite(law, Math.pow(10, log10Flops), Math.pow(10, log10Tokens));
    }

    private static void assertPlansFinite(ScalingLaw law, double flops, double tokens) {
        PlanOutcome<Allocation> optimal = ComputeOptimal.allocation(law, flops, 6);
        assertAllFinite(optimal);
        Allocation plan = optimal.orElseThrow();
        assertThat(plan.flops()).isEqualTo(flops);

        double target = plan.loss();
        double harderTarget = law.irreducibleLoss() + 0.5 * (plan.loss() - law.irreducibleLoss());
        Planner planner = new Planner(law, List.of(law), 0.95);
        List<PlanStrategy<?>> strategies = List.of(
                PlanStrategy.targetLoss(target, 6),
                PlanStrategy.targetLoss(harderTarget, 6),
                PlanStrategy.fixedParametersForBudget(plan.parameters(), flops, 6),
                PlanStrategy.fixedParametersForTargetLoss(plan.parameters() / 2, target, 6),
                PlanStrategy.fixedTokensForBudget(tokens, flops, 6),
                PlanStrategy.fixedTokensForTargetLoss(tokens, target, 6),
                PlanStrategy.inferenceAware(target, tokens, 6),
                PlanStrategy.inferenceAwareForBudget(flops, tokens * 100, 6),
                PlanStrategy.dataConstrained(flops, tokens, 6));
        for (PlanStrategy<?> strategy : strategies) {
            assertAllFinite(planner.plan(strategy));
        }
        assertAllFinite(planner.alternatives(flops, 6));
        assertAllFinite(Extrapolation.of(flops, 1e18));
    }
}
