package dev.scaleplan.plots;

import java.awt.geom.Ellipse2D;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The second step of a task chain (Bhagia et al. 2024, their Figure 3): a metric (accuracy) against its
 * predictor (the task's loss) over every run and checkpoint the downstream fit used, with the fitted
 * curve and its band.
 */
public final class DownstreamChart {

    private static final int RUNS = 0;
    private static final int CURVE = 1;

    private DownstreamChart() {
    }

    /**
     * @param predictor the horizontal axis' label, e.g. {@code arc_bpb}
     * @param metric    the vertical axis' label
     * @param bandLabel how the band is named in the legend
     */
    public static JFreeChart draw(PlotInputs.Heading heading, String predictor, String metric,
                                  List<PlotInputs.MetricRun> runs, List<PlotInputs.MetricCurvePoint> curve,
                                  String bandLabel) {
        NumberAxis x = Axes.loss(predictor);
        NumberAxis y = Axes.loss(metric);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        Charts.style(plot);

        XYSeries points = new XYSeries("runs and checkpoints fitted", false, true);
        runs.forEach(run -> points.add(run.predictor(), run.metric()));
        plot.setDataset(RUNS, new XYSeriesCollection(points));
        RunRenderer runRenderer = new RunRenderer();
        runRenderer.setSeriesPaint(0, Palette.FITTED);
        runRenderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        plot.setRenderer(RUNS, runRenderer);

        YIntervalSeries fitted = new YIntervalSeries("downstream fit, " + bandLabel);
        for (PlotInputs.MetricCurvePoint p : curve) {
            boolean band = p.lower() != null && p.upper() != null;
            fitted.add(p.predictor(), p.metric(), band ? p.lower() : p.metric(), band ? p.upper() : p.metric());
        }
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        dataset.addSeries(fitted);
        plot.setDataset(CURVE, dataset);
        DeviationRenderer band = new DeviationRenderer(true, false);
        band.setSeriesPaint(0, Palette.FRONTIER);
        band.setSeriesFillPaint(0, Palette.BAND);
        band.setSeriesStroke(0, Palette.SOLID);
        band.setAlpha(1f);
        plot.setRenderer(CURVE, band);
        return Charts.framed(heading, plot);
    }
}
