package dev.scaleplan.plots;

import java.awt.geom.Ellipse2D;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The IsoFLOP view (Hoffmann et al. 2022, Fig. 3): loss against model size at fixed compute
 * budgets, with the best size at each budget. The optima come in named series, so the fitted law's
 * closed-form optima and those of an IsoFLOP analysis can be drawn over the same curves. Runs are
 * drawn in the colour of the budget nearest to their compute.
 */
public final class IsoflopChart {

    private static final int OPTIMA = 0;
    private static final int RUNS = 1;
    private static final int CURVES = 2;

    private IsoflopChart() {
    }

    public static JFreeChart draw(PlotInputs.Heading heading, List<PlotInputs.PlottedRun> runs,
                                  List<PlotInputs.IsoflopCurve> curves, List<PlotInputs.OptimaSeries> optima) {
        LogAxis parameters = Axes.parameters("Model size N (parameters)");
        NumberAxis loss = Axes.loss("Final loss");
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(parameters);
        plot.setRangeAxis(loss);
        Charts.style(plot);

        XYSeriesCollection curveSeries = new XYSeriesCollection();
        XYLineAndShapeRenderer curveRenderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < curves.size(); i++) {
            PlotInputs.IsoflopCurve curve = curves.get(i);
            XYSeries series = new XYSeries("C = " + Ticks.scientific(curve.flops()), false, true);
            curve.points().forEach(p -> series.add(p.parameters(), p.loss()));
            curveSeries.addSeries(series);
            curveRenderer.setSeriesPaint(i, Palette.category(i));
            curveRenderer.setSeriesStroke(i, Palette.SOLID);
        }
        plot.setDataset(CURVES, curveSeries);
        plot.setRenderer(CURVES, curveRenderer);

        plot.setDataset(RUNS, runs(runs, curves));
        LookupPaintScale budgetColours = new LookupPaintScale(0, Math.max(1, curves.size()), Palette.MUTED);
        for (int i = 0; i < curves.size(); i++) {
            budgetColours.add(i, Palette.category(i));
        }
        RunRenderer runRenderer = new RunRenderer();
        runRenderer.setPaintScale(budgetColours);
        runRenderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        runRenderer.setSeriesPaint(0, Palette.MUTED);
        plot.setRenderer(RUNS, runRenderer);

        XYSeriesCollection optimaSeries = new XYSeriesCollection();
        XYLineAndShapeRenderer optimaRenderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < optima.size(); i++) {
            XYSeries series = new XYSeries(optima.get(i).label(), true, true);
            optima.get(i).optima().forEach(o -> series.add(o.parameters(), o.loss()));
            optimaSeries.addSeries(series);
            optimaRenderer.setSeriesPaint(i, i == 0 ? Palette.PLAN : Palette.FRONTIER);
            optimaRenderer.setSeriesShape(i, i == 0 ? ShapeUtils.createDiamond(6f) : ShapeUtils.createUpTriangle(6f));
            optimaRenderer.setSeriesStroke(i, Palette.THIN_DASHED);
        }
        plot.setDataset(OPTIMA, optimaSeries);
        plot.setRenderer(OPTIMA, optimaRenderer);

        JFreeChart chart = Charts.framed(heading, plot);
        Axes.decades(parameters);
        return chart;
    }

    /** Runs with z = the index of the curve whose compute is nearest in log space. */
    private static DefaultXYZDataset runs(List<PlotInputs.PlottedRun> runs, List<PlotInputs.IsoflopCurve> curves) {
        double[][] series = new double[3][runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            PlotInputs.PlottedRun run = runs.get(i);
            series[0][i] = run.parameters();
            series[1][i] = run.loss();
            series[2][i] = nearest(run.flops(), curves);
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("runs (colour: nearest budget)", series);
        return dataset;
    }

    private static int nearest(double flops, List<PlotInputs.IsoflopCurve> curves) {
        int best = 0;
        double distance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < curves.size(); i++) {
            double d = Math.abs(Math.log(flops / curves.get(i).flops()));
            if (d < distance) {
                distance = d;
                best = i;
            }
        }
        return best;
    }
}
