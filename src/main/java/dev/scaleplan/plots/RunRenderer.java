package dev.scaleplan.plots;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Map;

import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * Draws runs as points and wraps each one in its own SVG group {@code <g class="run">}, so a
 * client (or a test) can find, count and style the runs. JFreeSVG opens a group when it sees
 * {@link SVGHints#KEY_BEGIN_GROUP} with a map of attributes (other {@code Graphics2D}s, e.g. for
 * PNG, reject that value, so they get no hint). {@link XYShapeRenderer} draws guide lines in pass 0 and shapes in pass 1.
 */
class RunRenderer extends XYShapeRenderer {

    static final String RUN_CLASS = "run";
    private static final int SHAPE_PASS = 1;

    RunRenderer() {
        setDrawOutlines(false);
        setDefaultToolTipGenerator(null);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                         XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series,
                         int item, CrosshairState crosshairState, int pass) {
        if (pass != SHAPE_PASS || !(g2 instanceof SVGGraphics2D)) {
            super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item,
                    crosshairState, pass);
            return;
        }
        g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, Map.of("class", RUN_CLASS));
        try {
            super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item,
                    crosshairState, pass);
        } finally {
            g2.setRenderingHint(SVGHints.KEY_END_GROUP, Boolean.TRUE);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunRenderer && super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
