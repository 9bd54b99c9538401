package dev.scaleplan.plans;

import java.util.List;

import dev.scaleplan.fits.FitPlans;
import dev.scaleplan.plots.PlotInputs;
import dev.scaleplan.web.ApiEstimate;
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
                .map(stored -> {
                    Plan plan = stored.plan();
                    ApiEstimate loss = plan.uncertainty().predictedLoss();
                    return new PlotInputs.PlanMark(stored.id(), plan.objective(), plan.allocation().flops(),
                            loss.estimate(), loss.lower(), loss.upper());
                })
                .toList();
    }
}
