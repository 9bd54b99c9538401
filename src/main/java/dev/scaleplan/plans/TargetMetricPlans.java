package dev.scaleplan.plans;

import java.util.List;
import java.util.Map;

import dev.scaleplan.fits.Calibrations;
import dev.scaleplan.fits.FitLookup;
import dev.scaleplan.fits.MetricChains;
import dev.scaleplan.fits.PlanningFit;
import dev.scaleplan.fitting.DownstreamFit;
import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.TrainingFlops;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.ChainedForecast;
import dev.scaleplan.planning.PlanOutcome;
import dev.scaleplan.planning.TargetMetric;
import dev.scaleplan.web.ApiEstimate;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Component;

/**
 * Target-metric plans: the metric's chain is resolved (its downstream fit, and the law fit of that fit's
 * predictor), the downstream law inverted to the predictor value needed, and the plan made as a
 * target-loss plan on the predictor's law ({@link TargetMetric}), with intervals over paired draws and,
 * under a calibrated band, step 1's extrapolation error at the plan's compute from its backtest.
 */
@Component
class TargetMetricPlans {

    static final String OBJECTIVE = "target-metric";

    private final MetricChains chains;
    private final FitLookup fits;
    private final Calibrations calibrations;

    TargetMetricPlans(MetricChains chains, FitLookup fits, Calibrations calibrations) {
        this.chains = chains;
        this.fits = fits;
        this.calibrations = calibrations;
    }

    /** A resolved target: the law to plan on, the predictor value it must reach, and the answer's figures. */
    record Target(PlanningFit fit, double neededLoss, TargetMetricPlan response) {
    }

    /** Checks the fields of any plan request that concern targets; null unless the objective is target-metric. */
    Target resolve(String projectId, PlanRequest request, TrainingFlops compute) {
        if (!OBJECTIVE.equals(request.objective())) {
            if (request.targetMetric() != null) {
                throw PlanService.invalid("targetMetric", "applies to target-metric plans only");
            }
            return null;
        }
        PlanRequest.TargetMetric target = request.targetMetric();
        if (target == null) {
            throw PlanService.invalid("targetMetric", "is required for a target-metric plan");
        }
        if (request.targetLoss() != null || request.budget() != null) {
            throw PlanService.invalid(request.targetLoss() != null ? "targetLoss" : "budget",
                    "a target-metric plan finds the compute; give targetMetric only");
        }
        MetricChains.TargetChain chain = chains.targetChain(projectId, target.name(), request.metricFits());
        Long lawId = chain.lawFitId();
        if (lawId != null && request.fitId() != null && !request.fitId().equals(lawId)) {
            throw PlanService.invalid("fitId", "the chain of " + target.name() + " plans on fit " + lawId
                    + " (target " + chain.from() + "); pin another law fit of that target with metricFits");
        }
        PlanningFit fit = fits.planningFit(projectId, lawId != null ? lawId : request.fitId());
        if (lawId == null) {
            if (fit.target() != null) {
                throw PlanService.invalid("fitId", "fit " + fit.id() + " fits '" + fit.target() + "', but the downstream "
                        + "fit " + chain.downstreamFitId() + " of " + target.name() + " predicts it from the loss");
            }
        }
        DownstreamFit downstream = chain.downstream();
        PlanOutcome<TargetMetric.Plan> best = TargetMetric.plan(downstream.law(), List.of(), fit.law(), List.of(),
                target.name(), target.value(), compute, fit.confidenceLevel(), 0, 0);
        double logError = best.isPlanned() ? logError(projectId, request, fit, best.orElseThrow().allocation()) : 0;
        PlanOutcome<TargetMetric.Plan> outcome = !best.isPlanned() ? best : TargetMetric.plan(downstream.law(),
                downstream.drawLaws(), fit.law(), fit.draws(), target.name(), target.value(), compute,
                fit.confidenceLevel(), logError, downstream.seed());
        if (!outcome.isPlanned()) {
            throw new ApiException(ProblemType.UNREACHABLE, "No plan reaches " + target.name() + " = " + target.value()
                    + " through downstream fit " + chain.downstreamFitId() + " and fit " + fit.id() + ": "
                    + outcome.reason(), List.of(), Map.of("metric", target.name(), "downstreamFitId",
                    chain.downstreamFitId(), "fitId", fit.id()));
        }
        TargetMetric.Plan plan = outcome.orElseThrow();
        TargetMetricPlan response = new TargetMetricPlan(target.name(), target.value(),
                chain.from() == null ? "loss" : chain.from(), ApiEstimate.of(plan.neededLossInterval()),
                ApiEstimate.of(plan.flops()), ApiEstimate.of(plan.parameters()), ApiEstimate.of(plan.tokens()),
                new PlanResponse.Draws(plan.drawsUsed(), plan.drawsTotal()),
                logError > 0 ? PlanBands.CALIBRATED : PlanBands.CONFIDENCE,
                chain.links(target.name(), fit.id(), fit.form()));
        return new Target(fit, plan.neededLoss(), response);
    }

    /**
     * σ of step 1's log error at the plan's compute, from its calibrated band, unless the request asks for
     * confidence intervals or the fit has no calibration (0: the draws alone).
     */
    private double logError(String projectId, PlanRequest request, PlanningFit fit, Allocation allocation) {
        if (PlanBands.CONFIDENCE.equals(request.band())) {
            return 0;
        }
        return calibrations.calibration(projectId, fit.id(), fit.currentDataRevision(), true)
                .filter(Calibrations.Calibration::calibrated)
                .map(calibration -> {
                    Estimate band = calibration.band(allocation.loss(), allocation.flops());
                    return ChainedForecast.Predictor.calibrated(allocation.loss(), band.lower(), band.upper(),
                            fit.confidenceLevel()).logScale();
                }).orElse(0.0);
    }
}
