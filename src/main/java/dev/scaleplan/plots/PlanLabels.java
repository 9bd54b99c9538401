package dev.scaleplan.plots;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Labels for the plans marked on a plot that do not overlap: plans drawn close together (within a
 * label's width in log compute and its height in loss) share one label, "plans 12, 14 +3".
 */
final class PlanLabels {

    /** A label's extent as a share of the plot's span: about 90 × 16 pixels of a 900 × 560 plot. */
    private static final double WIDTH = 0.10;
    private static final double HEIGHT = 0.05;
    /** Plan ids listed in one label before the rest are counted. */
    private static final int LISTED = 3;

    /** One label, at the first plan of its group. */
    record Label(double flops, double loss, String text) {
    }

    private PlanLabels() {
    }

    /**
     * @param logFlopsSpan the plot's compute span in decades (log10)
     * @param lossSpan     the plot's loss span
     */
    static List<Label> of(List<PlotInputs.PlanMark> plans, double logFlopsSpan, double lossSpan) {
        double width = WIDTH * Math.max(logFlopsSpan, 1e-9);
        double height = HEIGHT * Math.max(lossSpan, 1e-12);
        List<List<PlotInputs.PlanMark>> groups = new ArrayList<>();
        List<PlotInputs.PlanMark> byCompute = new ArrayList<>(plans);
        byCompute.sort(Comparator.comparingDouble(PlotInputs.PlanMark::flops).thenComparingLong(PlotInputs.PlanMark::id));
        for (PlotInputs.PlanMark plan : byCompute) {
            List<PlotInputs.PlanMark> near = groups.stream().filter(group -> {
                PlotInputs.PlanMark anchor = group.get(0);
                return Math.abs(Math.log10(plan.flops()) - Math.log10(anchor.flops())) < width
                        && Math.abs(plan.loss() - anchor.loss()) < height;
            }).findFirst().orElse(null);
            if (near == null) {
                groups.add(new ArrayList<>(List.of(plan)));
            } else {
                near.add(plan);
            }
        }
        return groups.stream().map(PlanLabels::label).toList();
    }

    private static Label label(List<PlotInputs.PlanMark> group) {
        PlotInputs.PlanMark anchor = group.get(0);
        if (group.size() == 1) {
            return new Label(anchor.flops(), anchor.loss(), "plan " + anchor.id());
        }
        List<String> ids = group.stream().map(PlotInputs.PlanMark::id).sorted().limit(LISTED).map(String::valueOf).toList();
        String more = group.size() > LISTED ? " +" + (group.size() - LISTED) : "";
        return new Label(anchor.flops(), anchor.loss(), "plans " + String.join(", ", ids) + more);
    }
}
