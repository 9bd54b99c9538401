package dev.scaleplan.plans;

import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.web.ApiEstimate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.scaleplan.fits.FitQuestions;
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
 * What a plan adds beside the dense allocation when asked: metrics through their downstream fits,
 * and routed (MoE) options at the same compute with their weights' memory.
 */
final class PlanExtras {

    static final String MOE_ALLOCATION = "Clark et al. 2022's law has no data term, so each routed option keeps the "
            + "dense plan's active parameters N and tokens D (the same compute C = k·N·D) and adds experts; its loss "
            + "is the moe fit's at (N, E), which holds at the token counts of the runs that fit was made on";

    private final FitQuestions fits;

    PlanExtras(FitQuestions fits) {
        this.fits = fits;
    }

    /**
     * The metrics at the dense plan's run: through the calibrated loss band when the plan carries one
     * ({@link FitQuestions#calibratedMetricForecasts}), else chaining the dense fit's draws through the
     * downstream draws.
     */
    Map<String, ApiEstimate> metrics(String projectId, List<String> metrics, PlanningFit fit,
                                     Allocation allocation, Estimate calibratedLoss) {
        if (metrics == null || metrics.isEmpty()) {
            return null;
        }
        if (calibratedLoss != null) {
            return fits.calibratedMetricForecasts(projectId, metrics, calibratedLoss, fit.confidenceLevel());
        }
        double[] lossDraws = fit.draws().stream()
                .mapToDouble(law -> law.loss(allocation.parameters(), allocation.tokens())).toArray();
        return estimates(fits.metricForecasts(projectId, metrics, allocation.loss(), lossDraws, fit.confidenceLevel()));
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
            Map<String, ApiEstimate> metrics = request.metrics() == null || request.metrics().isEmpty()
                    ? null : estimates(fits.metricForecasts(projectId, request.metrics(), option.loss().estimate(),
                    planner.lossDraws(option.parameters(), option.tokens(), experts), fit.confidenceLevel()));
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

    private static Map<String, ApiEstimate> estimates(Map<String, ApiEstimate> values) {
        return new java.util.LinkedHashMap<>(values);
    }
}
