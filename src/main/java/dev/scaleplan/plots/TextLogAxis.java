package dev.scaleplan.plots;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.AttributedCharacterIterator;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A log axis whose tick labels are plain strings. {@link LogAxis} makes attributed-string ticks,
 * which JFreeSVG draws as glyph outlines; plain ticks become SVG {@code <text>}: smaller, selectable
 * and searchable.
 */
class TextLogAxis extends LogAxis {

    TextLogAxis(String label) {
        super(label);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        List<Object> ticks = new ArrayList<>();
        for (Object tick : super.refreshTicks(g2, state, dataArea, edge)) {
            if (tick instanceof LogTick log) {
                ticks.add(new NumberTick(log.getTickType(), log.getValue(), text(log.getAttributedLabel()),
                        log.getTextAnchor(), log.getRotationAnchor(), log.getAngle()));
            } else {
                ticks.add(tick);
            }
        }
        return ticks;
    }

    private static String text(AttributedString label) {
        if (label == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        AttributedCharacterIterator characters = label.getIterator();
        for (char c = characters.first(); c != AttributedCharacterIterator.DONE; c = characters.next()) {
            text.append(c);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TextLogAxis && super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
