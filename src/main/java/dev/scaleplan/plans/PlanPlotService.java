package dev.scaleplan.plans;

import java.util.ArrayList;
import java.util.List;

import dev.scaleplan.plots.Drawing;
import dev.scaleplan.plots.PlotInputs;
import dev.scaleplan.plots.PlotRendering;
import dev.scaleplan.plots.RenderSlots;
import dev.scaleplan.plots.StrategiesChart;
import dev.scaleplan.projects.Project;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.web.ApiException;
import org.springframework.stereotype.Service;

/** Draws a plan's strategies side by side: the plan and its alternatives for the same compute. */
@Service
class PlanPlotService {

    /** Two allocations within this relative distance in N are the same strategy. */
    private static final double SAME = 1e-3;

    private final ProjectService projects;
    private final PlanRepository plans;
    private final RenderSlots slots;

    PlanPlotService(ProjectService projects, PlanRepository plans, RenderSlots slots) {
        this.projects = projects;
        this.plans = plans;
        this.slots = slots;
    }

    Drawing plot(String projectId, long planId, int width, int height, PlotRendering.Format format) {
        Project project = projects.get(projectId);
        PlanResponse plan = plans.find(projectId, planId).orElseThrow(() -> ApiException.notFound("Plan", planId));
        String version = "plan-" + planId + "-u" + project.updatedAt().toEpochMilli() + "-" + width + "x" + height;
        return new Drawing(version, () -> slots.render(() -> chart(project, plan), width, height, format));
    }

    private static org.jfree.chart.JFreeChart chart(Project project, PlanResponse stored) {
        Plan plan = stored.plan();
        Plan.Allocation allocation = plan.allocation();
        Cost cost = Cost.of(plan);
        List<PlotInputs.Strategy> strategies = new ArrayList<>();
        boolean planIsAnAlternative = plan.alternatives().stream()
                .anyMatch(a -> same(a.parameters(), allocation.parameters()));
        if (!planIsAnAlternative) {
            strategies.add(new PlotInputs.Strategy("this plan (" + plan.objective() + ")",
                    plan.uncertainty().predictedLoss().estimate(), allocation.parameters(), allocation.tokens(),
                    cost.perFlop() * allocation.flops(), true));
        }
        for (PlanResponse.AlternativePlan alternative : plan.alternatives()) {
            strategies.add(new PlotInputs.Strategy(alternative.strategy(), alternative.predictedLoss(),
                    alternative.parameters(), alternative.tokens(), cost.perFlop() * alternative.flops(),
                    planIsAnAlternative && same(alternative.parameters(), allocation.parameters())));
        }
        String title = project.name() + " — plan " + stored.id() + ": " + plan.objective();
        String subtitle = "from " + plan.form() + " fit " + plan.fitId() + " · every strategy spends C = "
                + String.format(java.util.Locale.ROOT, "%.3g", allocation.flops()) + " FLOPs"
                + (plan.extrapolation().warning() == null ? "" : " · " + plan.extrapolation().warning());
        return StrategiesChart.draw(new PlotInputs.Heading(title, subtitle), strategies, cost.label(), cost.unit());
    }

    private static boolean same(double a, double b) {
        return Math.abs(a - b) <= SAME * Math.max(Math.abs(a), Math.abs(b));
    }

    /** What the cost panel shows: dollars when priced, accelerator-hours when hardware was named, else FLOPs. */
    private record Cost(String label, double perFlop, StrategiesChart.CostUnit unit) {
        static Cost of(Plan plan) {
            Plan.Spend spend = plan.spend();
            double flops = plan.allocation().flops();
            if (spend.cost() != null) {
                return new Cost("Training cost (USD)", spend.cost() / flops, StrategiesChart.CostUnit.DOLLARS);
            }
            if (spend.acceleratorHours() != null) {
                return new Cost("Accelerator-hours (" + spend.hardware().accelerator() + ")",
                        spend.acceleratorHours() / flops, StrategiesChart.CostUnit.ACCELERATOR_HOURS);
            }
            return new Cost("Training compute (FLOPs)", 1, StrategiesChart.CostUnit.FLOPS);
        }
    }
}
