package dev.scaleplan.plots;

import java.awt.Font;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;

/** The axes every plot shares: log compute, log model size, log tokens, linear loss. */
final class Axes {

    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Axes() {
    }

    static LogAxis compute(String label) {
        return log(label, Ticks.format(Ticks::scientific));
    }

    static LogAxis parameters(String label) {
        return log(label, Ticks.format(Ticks::count));
    }

    static NumberAxis loss(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setAutoRangeStickyZero(false);
        style(axis);
        return axis;
    }

    /** One tick per power of ten when the range spans several, finer steps otherwise. */
    private static LogAxis log(String label, java.text.NumberFormat format) {
        LogAxis axis = new TextLogAxis(label);
        axis.setBase(10);
        axis.setNumberFormatOverride(format);
        axis.setSmallestValue(1e-300);
        axis.setMinorTickMarksVisible(true);
        style(axis);
        return axis;
    }

    /** After the data is known: decade ticks when the axis spans at least three decades. */
    static void decades(LogAxis axis) {
        double decades = Math.log10(axis.getUpperBound() / axis.getLowerBound());
        if (decades >= 3) {
            axis.setTickUnit(new NumberTickUnit(decades > 12 ? 2 : 1), false, true);
        }
    }

    private static void style(ValueAxis axis) {
        axis.setLabelFont(LABEL);
        axis.setTickLabelFont(TICK);
    }
}
