package dev.scaleplan.plots;

import java.awt.Color;
import java.awt.Font;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

/** The frame every plot shares: title, subtitle, legend at the bottom, white background, light grid. */
final class Charts {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Charts() {
    }

    static JFreeChart framed(PlotInputs.Heading heading, Plot plot) {
        JFreeChart chart = new JFreeChart(heading.title(), TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (heading.subtitle() != null && !heading.subtitle().isBlank()) {
            TextTitle subtitle = new TextTitle(heading.subtitle(), SUBTITLE);
            subtitle.setPaint(Palette.MUTED);
            chart.addSubtitle(0, subtitle);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        return chart;
    }

    static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Palette.GRID);
        plot.setRangeGridlinePaint(Palette.GRID);
        plot.setOutlinePaint(Palette.GRID);
    }
}
