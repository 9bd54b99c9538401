package dev.scaleplan.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Stroke;

import org.jfree.chart.renderer.PaintScale;

/** Colours and strokes: a colour-blind-safe sequential scale (viridis stops) and a few accents. */
final class Palette {

    static final Color FRONTIER = new Color(0x1F, 0x4E, 0x9A);
    static final Color BAND = new Color(0x1F, 0x4E, 0x9A, 60);
    static final Color EXTRAPOLATED = new Color(0x9A, 0x3B, 0x1F);
    static final Color EXTRAPOLATED_BAND = new Color(0xE0, 0x7A, 0x5F, 60);
    static final Color PLAN = new Color(0xD6, 0x27, 0x28);
    static final Color HELD_OUT = new Color(0xE6, 0x7E, 0x22);
    static final Color FITTED = new Color(0x2C, 0x7F, 0xB8);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color MUTED = new Color(0x55, 0x55, 0x55);
    static final Color[] CATEGORIES = {new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E),
            new Color(0x2C, 0xA0, 0x2C), new Color(0x94, 0x67, 0xBD), new Color(0x8C, 0x56, 0x4B),
            new Color(0xE3, 0x77, 0xC2), new Color(0x7F, 0x7F, 0x7F), new Color(0xBC, 0xBD, 0x22)};

    static final Stroke SOLID = new BasicStroke(2f);
    static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {7f, 5f}, 0f);
    static final Stroke THIN_DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {4f, 4f}, 0f);

    /** Viridis at five stops (van der Walt & Smith, matplotlib 2015). */
    private static final Color[] VIRIDIS = {new Color(0x44, 0x01, 0x54), new Color(0x3B, 0x52, 0x8B),
            new Color(0x21, 0x90, 0x8C), new Color(0x5D, 0xC8, 0x63), new Color(0xD5, 0xE2, 0x1A)};

    private Palette() {
    }

    static Color category(int index) {
        return CATEGORIES[Math.floorMod(index, CATEGORIES.length)];
    }

    /** A sequential scale between two values, for colouring runs by (the log of) model size. */
    static PaintScale sequential(double lower, double upper) {
        double low = lower;
        double high = upper > lower ? upper : lower + 1;
        return new PaintScale() {
            @Override
            public double getLowerBound() {
                return low;
            }

            @Override
            public double getUpperBound() {
                return high;
            }

            @Override
            public Paint getPaint(double value) {
                double t = Math.max(0, Math.min(1, (value - low) / (high - low))) * (VIRIDIS.length - 1);
                int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(t));
                double f = t - i;
                Color a = VIRIDIS[i];
                Color b = VIRIDIS[i + 1];
                return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                        mix(a.getBlue(), b.getBlue(), f));
            }
        };
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
