package dev.scaleplan.plans;

import java.util.List;

import dev.scaleplan.fits.FitPlans;
import dev.scaleplan.plots.PlotInputs;
import org.springframework.stereotype.Component;

/** Tells the fit plots where this fit's plans sit: compute and predicted loss with its interval. */
@Component
class FitPlanMarks implements FitPlans {

    private final PlanRepository plans;

    FitPlanMarks(PlanRepository plans) {
        this.plans = plans;
    }

    @Override
    public List<PlotInputs.PlanMark> marks(String projectId, long fitId, int limit) {
        return plans.byFit(projectId, fitId, limit).stream()
                .map(plan -> new PlotInputs.PlanMark(plan.id(), plan.objective(), plan.flops(),
                        plan.predictedLoss().estimate(), plan.predictedLoss().lower(), plan.predictedLoss().upper()))
                .toList();
    }
}
