package dev.scaleplan.plots;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/** Each chart is well-formed SVG with one {@code class="run"} group per run, a title and readable ticks. */
class ChartsTest {

    private static final PlotInputs.Heading HEADING = new PlotInputs.Heading("llm-scaling — chinchilla fit 12",
            "30 runs · 90% confidence band");

    /** Runs on Hoffmann et al. 2022's fitted law, eq. 2 with E=1.69, A=406.4, B=410.7, α=0.34, β=0.28. */
    static List<PlotInputs.PlottedRun> chinchillaRuns() {
        List<PlotInputs.PlottedRun> runs = new ArrayList<>();
        for (double n = 1e8; n <= 1e10; n *= 2.5) {
            for (double ratio : new double[] {5, 20, 80}) {
                double d = n * ratio;
                runs.add(new PlotInputs.PlottedRun(n, d, 6 * n * d, law(n, d), 6 * n * d > 1e21));
            }
        }
        return runs;
    }

    static double law(double n, double d) {
        return 1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28);
    }

    @Test
    void lossAgainstComputeHasOneRunGroupPerRunAndTheFrontierLegend() throws Exception {
        List<PlotInputs.PlottedRun> runs = chinchillaRuns();
        List<PlotInputs.FrontierPoint> frontier = new ArrayList<>();
        for (double c = 1e18; c <= 1e24; c *= 2) {
            double n = 0.6 * Math.pow(c / 6, 0.5);
            double loss = law(n, c / 6 / n);
            frontier.add(new PlotInputs.FrontierPoint(c, loss, loss * 0.99, loss * 1.01));
        }
        JFreeChart chart = LossVsComputeChart.draw(HEADING, runs, frontier, 6e21, "90% confidence band",
                List.of(new PlotInputs.PlanMark(7, "compute-optimal", 5.76e23, 1.95, 1.93, 1.97)));
        save("loss-vs-compute", chart);
        Document svg = parse(PlotRendering.svg(chart, 900, 560));
        assertThat(count(svg, "//*[@class='run']")).isEqualTo(runs.size());
        String text = svg.getDocumentElement().getTextContent();
        assertThat(text).contains("llm-scaling — chinchilla fit 12", "1e20", "1e22", "plan 7",
                "compute-optimal frontier", "extrapolated", "model size N");
    }

    @Test
    void isoflopDrawsACurvePerBudgetWithItsOptimumAndEveryRun() throws Exception {
        List<PlotInputs.PlottedRun> runs = chinchillaRuns();
        List<PlotInputs.IsoflopCurve> curves = new ArrayList<>();
        List<PlotInputs.Optimum> optima = new ArrayList<>();
        for (double c : new double[] {1e19, 1e20, 1e21}) {
            List<PlotInputs.CurvePoint> points = new ArrayList<>();
            PlotInputs.CurvePoint best = null;
            for (double n = 1e7; n <= 1e11; n *= 1.2) {
                PlotInputs.CurvePoint p = new PlotInputs.CurvePoint(n, law(n, c / 6 / n));
                points.add(p);
                best = best == null || p.loss() < best.loss() ? p : best;
            }
            curves.add(new PlotInputs.IsoflopCurve(c, points));
            optima.add(new PlotInputs.Optimum(c, best.parameters(), best.loss()));
        }
        JFreeChart chart = IsoflopChart.draw(HEADING, runs, curves,
                List.of(new PlotInputs.OptimaSeries("optimum under the fitted law", optima)));
        save("isoflop", chart);
        Document svg = parse(PlotRendering.svg(chart, 900, 560));
        assertThat(count(svg, "//*[@class='run']")).isEqualTo(runs.size());
        assertThat(svg.getDocumentElement().getTextContent()).contains("C = 1e20", "optimum under the fitted law", "1B");
    }

    @Test
    void residualsMarkTheHeldOutRuns() throws Exception {
        List<PlotInputs.Residual> residuals = chinchillaRuns().stream()
                .map(r -> new PlotInputs.Residual(r.flops(), 0.01 * Math.sin(r.flops()), r.heldOut())).toList();
        JFreeChart chart = ResidualsChart.draw(HEADING, residuals);
        Document svg = parse(PlotRendering.svg(chart, 800, 500));
        assertThat(count(svg, "//*[@class='run']")).isEqualTo(residuals.size());
        assertThat(svg.getDocumentElement().getTextContent()).contains("held-out runs");
        save("residuals", chart);
    }

    @Test
    void strategiesSideBySide() throws Exception {
        JFreeChart chart = StrategiesChart.draw(HEADING, List.of(
                new PlotInputs.Strategy("compute-optimal", 1.95, 7e10, 1.4e12, 1.8e6, true),
                new PlotInputs.Strategy("kaplan-2020", 1.99, 2.1e11, 4.6e11, 1.8e6, false),
                new PlotInputs.Strategy("over-trained-4x", 1.97, 1.75e10, 5.6e12, 1.8e6, false)),
                "Training cost (USD)", StrategiesChart.CostUnit.DOLLARS);
        Document svg = parse(PlotRendering.svg(chart, 1000, 420));
        assertThat(svg.getDocumentElement().getTextContent()).contains("kaplan-2020", "70B", "1.4T", "$1.8M",
                "this plan");
        save("strategies", chart);
        assertThat(PlotRendering.png(chart, 400, 300)).startsWith(0x89, 'P', 'N', 'G');
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static int count(Document document, String xpath) throws Exception {
        return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET))
                .getLength();
    }

    /** Kept under target/ for a person to look at. */
    private static void save(String name, JFreeChart chart) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "plots"));
        Files.write(dir.resolve(name + ".png"), PlotRendering.png(chart, 900, 560));
        Files.writeString(dir.resolve(name + ".svg"), PlotRendering.svg(chart, 900, 560));
    }
}
