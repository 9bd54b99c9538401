package dev.scaleplan.plots;

import java.awt.geom.Ellipse2D;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Log-loss residuals against compute, {@code log observed − log predicted} under the best fit:
 * a good law scatters evenly around zero; a trend at large compute warns before extrapolating.
 * Runs the held-out check left out are drawn as triangles in their own colour.
 */
public final class ResidualsChart {

    private ResidualsChart() {
    }

    public static JFreeChart draw(PlotInputs.Heading heading, List<PlotInputs.Residual> residuals) {
        LogAxis compute = Axes.compute("Training compute C (FLOPs)");
        NumberAxis residual = Axes.loss("Residual: log observed − log predicted loss");
        residual.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(compute);
        plot.setRangeAxis(residual);
        Charts.style(plot);

        XYSeries fitted = new XYSeries("fitted runs", false, true);
        XYSeries heldOut = new XYSeries("held-out runs (largest compute, refitted without)", false, true);
        for (PlotInputs.Residual r : residuals) {
            (r.heldOut() ? heldOut : fitted).add(r.flops(), r.residual());
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(fitted);
        dataset.addSeries(heldOut);
        plot.setDataset(dataset);
        RunRenderer renderer = new RunRenderer();
        renderer.setSeriesPaint(0, Palette.FITTED);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        renderer.setSeriesPaint(1, Palette.HELD_OUT);
        renderer.setSeriesShape(1, ShapeUtils.createUpTriangle(5f));
        plot.setRenderer(renderer);
        plot.addRangeMarker(new ValueMarker(0, Palette.MUTED, Palette.THIN_DASHED));

        JFreeChart chart = Charts.framed(heading, plot);
        Axes.decades(compute);
        return chart;
    }
}
