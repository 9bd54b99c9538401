package dev.scaleplan.fits;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.scaleplan.fitting.DownstreamFit;
import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.plots.DownstreamChart;
import dev.scaleplan.plots.PlotInputs;
import dev.scaleplan.projects.Project;
import dev.scaleplan.runs.MetricPoints;
import org.jfree.chart.JFreeChart;

/** The second step of a chain drawn: a downstream fit's runs and checkpoints, its curve and band. */
final class DownstreamPlot {

    private static final int CURVE_POINTS = 60;

    private DownstreamPlot() {
    }

    /** @param points the runs the fit's filter selects today, with its predictor and metric */
    static JFreeChart draw(Project project, StoredFit.Downstream stored, MetricPoints points) {
        DownstreamFit fit = stored.fit();
        String metric = stored.request().metric();
        String predictor = RunQuantities.name(stored.request().from());
        List<PlotInputs.MetricRun> runs = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            runs.add(new PlotInputs.MetricRun(points.loss()[i], points.values()[i]));
        }
        double min = fit.lossRange().min();
        double max = fit.lossRange().max();
        double margin = 0.1 * (max - min);
        List<PlotInputs.MetricCurvePoint> curve = new ArrayList<>(CURVE_POINTS);
        boolean band = fit.bootstrapSize() > 0;
        for (int i = 0; i < CURVE_POINTS; i++) {
            double x = Math.max(1e-9, min - margin) + (max - min + 2 * margin) * i / (CURVE_POINTS - 1);
            Estimate value = fit.predict(x);
            if (Double.isFinite(value.estimate())) {
                curve.add(new PlotInputs.MetricCurvePoint(x, value.estimate(), band ? value.lower() : null,
                        band ? value.upper() : null));
            }
        }
        String bandLabel = band ? String.format(Locale.ROOT, "%.0f%% confidence band", 100 * fit.confidenceLevel())
                : "no band (fitted without bootstrap draws)";
        PlotInputs.Heading heading = new PlotInputs.Heading(project.name() + " — downstream fit " + stored.id() + " of "
                + metric, fit.runsUsed() + " runs and checkpoints fitted · " + fit.shape().id() + " in " + predictor
                + " · fitted " + stored.createdAt().atOffset(ZoneOffset.UTC).toLocalDate()
                + (stored.dataRevision() != project.dataRevision()
                ? " · runs changed since this fit: today's runs are drawn" : ""));
        return DownstreamChart.draw(heading, predictor, metric, runs, curve, bandLabel);
    }
}
