package dev.scaleplan.plots;

import java.awt.Font;
import java.util.DoubleSummaryStatistics;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Loss against training compute: the runs coloured by model size, the compute-optimal frontier
 * with its band (solid over the fitted range, dashed beyond the largest run), and the plans made
 * from the fit.
 */
public final class LossVsComputeChart {

    private static final int PLANS = 0;
    private static final int RUNS = 1;
    private static final int FRONTIER = 2;

    private LossVsComputeChart() {
    }

    /**
     * @param frontier          log-spaced points of the frontier, ascending in compute; include one at
     *                          {@code maxObservedFlops} so the fitted and extrapolated parts join
     * @param maxObservedFlops  the largest compute among the fitted runs: the frontier beyond it is extrapolated
     * @param bandLabel         how the band is named in the legend, e.g. {@code 90% confidence band}
     *                          (or that there is none, for a fit without bootstrap draws)
     */
    public static JFreeChart draw(PlotInputs.Heading heading, List<PlotInputs.PlottedRun> runs,
                                  List<PlotInputs.FrontierPoint> frontier, double maxObservedFlops, String bandLabel,
                                  List<PlotInputs.PlanMark> plans) {
        return draw(heading, "Final loss", runs, frontier, maxObservedFlops, bandLabel, plans);
    }

    /** As above, for a law of another quantity than the loss (a task's loss), named on the vertical axis. */
    public static JFreeChart draw(PlotInputs.Heading heading, String quantity, List<PlotInputs.PlottedRun> runs,
                                  List<PlotInputs.FrontierPoint> frontier, double maxObservedFlops, String bandLabel,
                                  List<PlotInputs.PlanMark> plans) {
        LogAxis compute = Axes.compute("Training compute C (FLOPs)");
        NumberAxis loss = Axes.loss(quantity);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(compute);
        plot.setRangeAxis(loss);
        Charts.style(plot);

        double minLogN = runs.stream().mapToDouble(r -> Math.log10(r.parameters())).min().orElse(0);
        double maxLogN = runs.stream().mapToDouble(r -> Math.log10(r.parameters())).max().orElse(1);
        PaintScale sizes = Palette.sequential(minLogN, maxLogN);
        plot.setDataset(RUNS, runs(runs));
        RunRenderer runRenderer = new RunRenderer();
        runRenderer.setPaintScale(sizes);
        runRenderer.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        runRenderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        runRenderer.setSeriesPaint(0, Palette.FITTED);
        plot.setRenderer(RUNS, runRenderer);

        plot.setDataset(FRONTIER, frontier(frontier, maxObservedFlops, bandLabel));
        DeviationRenderer band = new DeviationRenderer(true, false);
        band.setSeriesPaint(0, Palette.FRONTIER);
        band.setSeriesFillPaint(0, Palette.BAND);
        band.setSeriesStroke(0, Palette.SOLID);
        band.setSeriesPaint(1, Palette.EXTRAPOLATED);
        band.setSeriesFillPaint(1, Palette.EXTRAPOLATED_BAND);
        band.setSeriesStroke(1, Palette.DASHED);
        band.setAlpha(1f);
        plot.setRenderer(FRONTIER, band);

        if (!plans.isEmpty()) {
            XYSeries planSeries = new XYSeries("plans from this fit", false, true);
            plans.forEach(plan -> planSeries.add(plan.flops(), plan.loss()));
            List<PlanLabels.Label> labels = PlanLabels.of(plans, logSpan(runs, frontier, plans),
                    lossSpan(runs, frontier, plans));
            for (PlanLabels.Label planLabel : labels) {
                XYTextAnnotation label = new XYTextAnnotation(planLabel.text(), planLabel.flops(), planLabel.loss());
                label.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
                label.setPaint(Palette.PLAN);
                label.setTextAnchor(TextAnchor.BOTTOM_RIGHT);
                plot.addAnnotation(label);
            }
            plot.setDataset(PLANS, new XYSeriesCollection(planSeries));
            XYLineAndShapeRenderer planRenderer = new XYLineAndShapeRenderer(false, true);
            planRenderer.setSeriesShape(0, ShapeUtils.createDiamond(7f));
            planRenderer.setSeriesPaint(0, Palette.PLAN);
            plot.setRenderer(PLANS, planRenderer);
        }

        ValueMarker largest = new ValueMarker(maxObservedFlops, Palette.MUTED, Palette.THIN_DASHED);
        largest.setLabel("largest run");
        largest.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        largest.setLabelPaint(Palette.MUTED);
        largest.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        largest.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        plot.addDomainMarker(largest);

        JFreeChart chart = Charts.framed(heading, plot);
        Axes.decades(compute);
        chart.addSubtitle(sizeLegend(sizes));
        return chart;
    }

    private static DefaultXYZDataset runs(List<PlotInputs.PlottedRun> runs) {
        double[][] series = new double[3][runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            series[0][i] = runs.get(i).flops();
            series[1][i] = runs.get(i).loss();
            series[2][i] = Math.log10(runs.get(i).parameters());
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("runs (colour: model size)", series);
        return dataset;
    }

    private static YIntervalSeriesCollection frontier(List<PlotInputs.FrontierPoint> points, double maxObservedFlops,
                                                      String bandLabel) {
        YIntervalSeries fitted = new YIntervalSeries("compute-optimal frontier, " + bandLabel);
        YIntervalSeries extrapolated = new YIntervalSeries("extrapolated beyond the largest run");
        for (PlotInputs.FrontierPoint p : points) {
            // Without bootstrap draws the band has no width: the frontier is drawn as a line alone.
            double lower = p.hasBand() ? p.lower() : p.loss();
            double upper = p.hasBand() ? p.upper() : p.loss();
            if (p.flops() <= maxObservedFlops) {
                fitted.add(p.flops(), p.loss(), lower, upper);
            }
            if (p.flops() >= maxObservedFlops) {
                extrapolated.add(p.flops(), p.loss(), lower, upper);
            }
        }
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        dataset.addSeries(fitted);
        dataset.addSeries(extrapolated);
        return dataset;
    }

    /** The decades of compute the plot spans (its axis covers every run, frontier point and plan). */
    private static double logSpan(List<PlotInputs.PlottedRun> runs, List<PlotInputs.FrontierPoint> frontier,
                                  List<PlotInputs.PlanMark> plans) {
        DoubleSummaryStatistics flops = new DoubleSummaryStatistics();
        runs.forEach(r -> flops.accept(Math.log10(r.flops())));
        frontier.forEach(p -> flops.accept(Math.log10(p.flops())));
        plans.forEach(p -> flops.accept(Math.log10(p.flops())));
        return flops.getMax() - flops.getMin();
    }

    /** The loss the plot spans. */
    private static double lossSpan(List<PlotInputs.PlottedRun> runs, List<PlotInputs.FrontierPoint> frontier,
                                   List<PlotInputs.PlanMark> plans) {
        DoubleSummaryStatistics loss = new DoubleSummaryStatistics();
        runs.forEach(r -> loss.accept(r.loss()));
        frontier.forEach(p -> loss.accept(p.loss()));
        plans.forEach(p -> loss.accept(p.loss()));
        return loss.getMax() - loss.getMin();
    }

    /** A colour bar for model size, labelled in B/T. */
    static PaintScaleLegend sizeLegend(PaintScale scale) {
        NumberAxis axis = new NumberAxis("model size N");
        axis.setRange(scale.getLowerBound(), scale.getUpperBound());
        axis.setNumberFormatOverride(Ticks.ofLog10(Ticks::count));
        double decades = scale.getUpperBound() - scale.getLowerBound();
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(decades >= 2 ? 1 : decades >= 1 ? 0.5 : 0.25));
        axis.setLabelFont(Axes.TICK);
        axis.setTickLabelFont(Axes.TICK);
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(12);
        legend.setSubdivisionCount(64);
        legend.setMargin(new org.jfree.chart.ui.RectangleInsets(40, 6, 40, 6));
        return legend;
    }

}
