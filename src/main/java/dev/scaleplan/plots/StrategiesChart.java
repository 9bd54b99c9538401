package dev.scaleplan.plots;

import java.awt.Font;
import java.awt.Paint;
import java.text.NumberFormat;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A plan's strategies for the same budget side by side: one row per strategy, one panel each for
 * predicted loss, model size, training tokens and cost. The plan's own strategy is highlighted.
 */
public final class StrategiesChart {

    private static final String ROW = "strategy";

    /** What a strategy's cost is measured in, and how it is written on the bars. */
    public enum CostUnit {
        DOLLARS(Ticks::dollars), ACCELERATOR_HOURS(Ticks::count), FLOPS(Ticks::scientific);

        private final DoubleFunction<String> format;

        CostUnit(DoubleFunction<String> format) {
            this.format = format;
        }
    }

    private StrategiesChart() {
    }

    /**
     * @param costLabel what {@link PlotInputs.Strategy#cost()} measures, e.g. {@code Training cost (USD)}
     * @param costUnit  its unit
     */
    public static JFreeChart draw(PlotInputs.Heading heading, List<PlotInputs.Strategy> strategies, String costLabel,
                                  CostUnit costUnit) {
        CategoryAxis names = new CategoryAxis();
        names.setTickLabelFont(Axes.LABEL);
        names.setMaximumCategoryLabelLines(2);
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(names);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setGap(14);
        List<String> labels = strategies.stream().map(PlotInputs.Strategy::name).toList();
        plot.add(panel("Predicted loss", strategies, labels, PlotInputs.Strategy::loss,
                v -> String.format(java.util.Locale.ROOT, "%.3f", v), false), 1);
        plot.add(panel("Model size N", strategies, labels, PlotInputs.Strategy::parameters, Ticks::count, true), 1);
        plot.add(panel("Training tokens D", strategies, labels, PlotInputs.Strategy::tokens, Ticks::count, true), 1);
        plot.add(panel(costLabel, strategies, labels, PlotInputs.Strategy::cost, costUnit.format, true), 1);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("this plan", Palette.PLAN));
        legend.add(new LegendItem("alternative for the same compute", Palette.FITTED));
        plot.setFixedLegendItems(legend);
        return Charts.framed(heading, plot);
    }

    private static CategoryPlot panel(String label, List<PlotInputs.Strategy> strategies, List<String> names,
                                      ToDoubleFunction<PlotInputs.Strategy> value, DoubleFunction<String> format,
                                      boolean fromZero) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (int i = 0; i < strategies.size(); i++) {
            dataset.addValue(value.applyAsDouble(strategies.get(i)), ROW, names.get(i));
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setLabelFont(Axes.LABEL);
        axis.setTickLabelFont(Axes.TICK);
        NumberFormat ticks = Ticks.format(format);
        axis.setNumberFormatOverride(ticks);
        axis.setAutoRangeIncludesZero(fromZero);
        axis.setUpperMargin(0.3);
        if (!fromZero) {
            // Losses differ in the second decimal: start below the smallest so every bar keeps a visible length.
            axis.setLowerMargin(0.6);
        }
        BarRenderer renderer = new HighlightingRenderer(strategies);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.5);
        renderer.setIncludeBaseInRange(fromZero);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", ticks));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        CategoryPlot panel = new CategoryPlot(dataset, null, axis, renderer);
        panel.setBackgroundPaint(java.awt.Color.WHITE);
        panel.setRangeGridlinePaint(Palette.GRID);
        panel.setOutlinePaint(Palette.GRID);
        return panel;
    }

    /** Paints the plan's own strategy in the accent colour, the others in the neutral one. */
    private static final class HighlightingRenderer extends BarRenderer {
        private final transient List<PlotInputs.Strategy> strategies;

        HighlightingRenderer(List<PlotInputs.Strategy> strategies) {
            this.strategies = List.copyOf(strategies);
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            return strategies.get(column).chosen() ? Palette.PLAN : Palette.FITTED;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof HighlightingRenderer that && strategies.equals(that.strategies) && super.equals(other);
        }

        @Override
        public int hashCode() {
            return strategies.hashCode();
        }
    }
}
