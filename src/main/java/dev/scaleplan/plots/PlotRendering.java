package dev.scaleplan.plots;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;

/** Turns a chart into an SVG document or a PNG image of a given size. */
public final class PlotRendering {

    /** The image formats a plot is served in. */
    public enum Format { SVG, PNG }

    static {
        // JFreeChart's workaround for an old JDK bug draws rotated labels as glyph outlines; SVG wants text.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private PlotRendering() {
    }

    public static byte[] render(JFreeChart chart, int width, int height, Format format) {
        return format == Format.SVG ? svg(chart, width, height).getBytes(StandardCharsets.UTF_8)
                : png(chart, width, height);
    }

    /** A standalone SVG document drawn by JFreeSVG: XML declaration and root element, no DOCTYPE (SVG 2). */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        // A fixed prefix for clip-path ids (the default is time-based), so the same chart gives the same bytes.
        g2.setDefsKeyPrefix("scaleplan-");
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g2.getSVGElement() + "\n";
    }

    public static byte[] png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
