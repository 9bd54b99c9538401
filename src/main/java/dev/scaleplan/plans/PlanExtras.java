package dev.scaleplan.plans;

import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.web.ApiEstimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.scaleplan.fits.MetricAnswer;
import dev.scaleplan.fits.MetricChains;
import dev.scaleplan.fits.MoePlanningFit;
import dev.scaleplan.fits.PlanningFit;
import dev.scaleplan.planning.AcceleratorCatalogue;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.MoeOption;
import dev.scaleplan.planning.MoePlanner;
import dev.scaleplan.planning.WeightsMemory;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;

/**
 * What a plan adds beside the dense allocation when asked: metrics through their chains,
 * and routed (MoE) options at the same compute with their weights' memory.
 */
final class PlanExtras {

    static final String MOE_ALLOCATION = "Clark et al. 2022's law has no data term, so each routed option keeps the "
            + "dense plan's active parameters N and tokens D (the same compute C = k·N·D) and adds experts; its loss "
            + "is the moe fit's at (N, E), which holds at the token counts of the runs that fit was made on";

    private final MetricChains chains;

    PlanExtras(MetricChains chains) {
        this.chains = chains;
    }

    /**
     * The asked-for metrics (and a target-metric plan's metric) at the dense plan's run, each through its
     * chain: with the calibrated loss band (and each step's scatter) when the plan carries one, else
     * with the steps' bootstrap draws.
     */
    Map<String, MetricAnswer> metrics(String projectId, PlanRequest request, PlanningFit fit, String target,
                                      Allocation allocation, Estimate calibratedLoss) {
        List<String> metrics = new ArrayList<>(request.metrics() == null ? List.of() : request.metrics());
        if (request.targetMetric() != null && !metrics.contains(request.targetMetric().name())) {
            metrics.add(request.targetMetric().name());
        }
        if (metrics.isEmpty()) {
            chains.answer(null, metrics, request.metricFits(), null);
            return null;
        }
        double[] lossDraws = fit.draws().stream()
                .mapToDouble(law -> law.loss(allocation.parameters(), allocation.tokens())).toArray();
        MetricChains.OwnLaw own = new MetricChains.OwnLaw(fit.id(), fit.form(), target, allocation.loss(),
                lossDraws, new double[0], calibratedLoss);
        return new LinkedHashMap<>(chains.answer(new MetricChains.Question(projectId, allocation.parameters(),
                allocation.tokens(), allocation.flops(), calibratedLoss != null ? MetricChains.Band.CALIBRATED
                : MetricChains.Band.CONFIDENCE, fit.confidenceLevel()), metrics, request.metricFits(), own));
    }

    /** The dense plan's weights memory, shown when routed options are. */
    static PlanResponse.Memory memory(Allocation allocation, double bytesPerParameter) {
        WeightsMemory memory = WeightsMemory.of(allocation.parameters(), bytesPerParameter, AcceleratorCatalogue.all());
        return new PlanResponse.Memory(memory.totalParameters(), memory.bytesPerParameter(), memory.weightsBytes(),
                memory.acceleratorsToHoldWeights());
    }

    /** One routed option per expert count, at the dense plan's N, D and compute. */
    List<PlanResponse.MoePlan> moe(String projectId, PlanRequest request, MoePlanningFit fit, Allocation allocation,
                                   double bytesPerParameter) {
        double share = request.expertParameterShare() != null ? request.expertParameterShare()
                : fit.expertShare().orElseThrow(() -> new ApiException(ProblemType.UNPROCESSABLE,
                "The moe fit's runs have no routed run with totalParameters above parameters, so the total size of a "
                        + "routed model is unknown; upload totalParameters with the routed runs or give "
                        + "expertParameterShare"));
        MoePlanner planner = new MoePlanner(fit.law(), fit.draws(), fit.confidenceLevel());
        return request.experts().stream().distinct().map(experts -> {
            MoeOption option = planner.option(experts, allocation.parameters(), allocation.tokens(), allocation.flops(),
                    share, bytesPerParameter, AcceleratorCatalogue.all());
            // The moe law predicts the loss; a metric whose chain starts from another predictor goes through that
            // predictor's (dense) law at the option's active N and D.
            Map<String, MetricAnswer> metrics = request.metrics() == null || request.metrics().isEmpty() ? null
                    : new LinkedHashMap<>(chains.answer(new MetricChains.Question(projectId, option.parameters(),
                    option.tokens(), option.flops(), MetricChains.Band.CONFIDENCE, fit.confidenceLevel()),
                    request.metrics(), request.metricFits(), new MetricChains.OwnLaw(fit.id(), "moe", null,
                    option.loss().estimate(), planner.lossDraws(option.parameters(), option.tokens(), experts),
                    new double[0], null)));
            return new PlanResponse.MoePlan(experts, option.parameters(), option.totalParameters(), option.tokens(),
                    option.flops(), estimate(option.loss()), estimate(option.effectiveParameters()),
                    option.memory().weightsBytes(), option.memory().bytesPerParameter(),
                    option.memory().acceleratorsToHoldWeights(), share, metrics);
        }).toList();
    }

    static double bytesPerParameter(PlanRequest request) {
        return Objects.requireNonNullElse(request.bytesPerParameter(), WeightsMemory.BF16_BYTES);
    }

    private static ApiEstimate estimate(Estimate interval) {
        return ApiEstimate.of(interval);
    }

}
