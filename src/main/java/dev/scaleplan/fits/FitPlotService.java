package dev.scaleplan.fits;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.ComputeOptimal;
import dev.scaleplan.planning.PlanOutcome;
import dev.scaleplan.plots.Drawing;
import dev.scaleplan.plots.IsoflopChart;
import dev.scaleplan.plots.LossVsComputeChart;
import dev.scaleplan.plots.PlotInputs;
import dev.scaleplan.plots.PlotRendering;
import dev.scaleplan.plots.RenderSlots;
import dev.scaleplan.plots.ResidualsChart;
import dev.scaleplan.plots.RunSample;
import dev.scaleplan.projects.Project;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.runs.RunPoints;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.jfree.chart.JFreeChart;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Draws a stored fit: its runs, frontier and plans, its IsoFLOP curves, its residuals. */
@Service
public class FitPlotService {

    /** The kinds of fit plot, as named in the path. */
    public static final List<String> KINDS = List.of("loss-vs-compute", "isoflop", "residuals", "downstream");
    private static final String DOWNSTREAM = "downstream";
    private static final int MARKED_PLANS = 50;
    private static final int FRONTIER_POINTS = 40;
    private static final int ISOFLOP_BUDGETS = 5;
    private static final int ISOFLOP_POINTS = 60;
    /** IsoFLOP curves span this factor either side of the optimal model size. */
    private static final double ISOFLOP_SPAN = 30;

    private final FitLookup fits;
    private final FitQuestions questions;
    private final ProjectService projects;
    private final FitPlans plans;
    private final ObjectProvider<IsoflopOptima> otherOptima;
    private final RenderSlots slots;
    private final RunService runs;
    private final RunQuantities quantities;

    FitPlotService(FitLookup fits, FitQuestions questions, ProjectService projects, FitPlans plans,
                   ObjectProvider<IsoflopOptima> otherOptima, RenderSlots slots, RunService runs,
                   RunQuantities quantities) {
        this.runs = runs;
        this.quantities = quantities;
        this.fits = fits;
        this.questions = questions;
        this.projects = projects;
        this.plans = plans;
        this.otherOptima = otherOptima;
        this.slots = slots;
    }

    /**
     * A plot of the fit. Its version covers everything drawn: the fit (which never changes), the
     * project's runs and name (the runs drawn are the project's current matching runs) and, for
     * loss-vs-compute, the plans made from the fit.
     */
    public Drawing plot(String projectId, long fitId, String kind, int width, int height, PlotRendering.Format format) {
        if (!KINDS.contains(kind)) {
            throw new ApiException(ProblemType.NOT_FOUND, "There is no plot kind '" + abbreviate(kind)
                    + "'; kinds are " + String.join(", ", KINDS));
        }
        Project project = projects.get(projectId);
        FitLookup.Loaded loaded = fits.load(projectId, fitId);
        loaded.stored().<Void>match(law -> null, isoflop -> {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + fitId + " is an IsoFLOP analysis, not a law: "
                    + "it has no curves to draw here; plot the project's chinchilla fit and compare the two at "
                    + "GET /api/v1/projects/" + projectId + "/agreement");
        }, downstream -> {
            if (!DOWNSTREAM.equals(kind)) {
                throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + fitId + " is a downstream fit of metric '"
                        + downstream.request().metric() + "', not a law in N and D: plot it as " + DOWNSTREAM
                        + ", and its predictor's law fit as loss-vs-compute");
            }
            return null;
        });
        String version = "fit-" + fitId + "-" + kind + "-r" + project.dataRevision() + "-u"
                + project.updatedAt().toEpochMilli() + "-" + width + "x" + height;
        if (DOWNSTREAM.equals(kind)) {
            StoredFit.Downstream stored = loaded.stored().match(law -> {
                throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + fitId + " is a " + law.form() + " law, "
                        + "not a downstream fit; plot it as loss-vs-compute, isoflop or residuals");
            }, isoflop -> null, downstream -> downstream);
            FitRequest request = stored.request();
            return new Drawing(version, () -> slots.render(() -> DownstreamPlot.draw(project, stored,
                    runs.metricPoints(projectId, request.runFilter(), quantities.resolve(projectId, request.from()),
                            quantities.resolve(projectId, request.metric()))), width, height, format));
        }
        return switch (kind) {
            case "loss-vs-compute" -> {
                requireCompute(loaded.fit());
                List<PlotInputs.PlanMark> marks = plans.marks(projectId, fitId, MARKED_PLANS);
                String planVersion = marks.isEmpty() ? "p0" : "p" + marks.size() + "." + marks.get(0).id();
                yield new Drawing(version + "-" + planVersion,
                        () -> slots.render(() -> lossVsCompute(project, loaded, marks), width, height, format));
            }
            case "isoflop" -> {
                List<PlotInputs.OptimaSeries> extra = otherOptima.orderedStream()
                        .map(source -> source.optima(projectId, fitId)).flatMap(java.util.Optional::stream).toList();
                requireAllocating(loaded.fit());
                yield new Drawing(version + "-o" + Integer.toHexString(extra.hashCode()),
                        () -> slots.render(() -> isoflop(project, loaded, extra), width, height, format));
            }
            default -> new Drawing(version,
                    () -> slots.render(() -> residuals(project, loaded), width, height, format));
        };
    }

    private JFreeChart lossVsCompute(Project project, FitLookup.Loaded loaded, List<PlotInputs.PlanMark> marks) {
        Fit fit = loaded.fit();
        double min = fit.ranges().flops().min();
        double max = fit.ranges().flops().max();
        double farthest = Math.max(100 * max, 2 * marks.stream().mapToDouble(PlotInputs.PlanMark::flops).max().orElse(0));
        List<PlotInputs.FrontierPoint> frontier = new ArrayList<>();
        if (max > min) {
            frontier.addAll(frontier(loaded, min, max));
        }
        frontier.addAll(frontier(loaded, max, Math.min(farthest, 1e40)));
        String band = fit.bootstrapSize() > 0 ? percent(fit.confidenceLevel()) + " confidence band"
                : "no band (fitted without bootstrap draws)";
        RunSample runs = runs(project, loaded);
        String target = loaded.stored().request().target();
        return LossVsComputeChart.draw(heading(project, loaded, band, runs),
                target == null ? "Final loss" : "Final " + target, runs.shown(), frontier, max, band, marks);
    }

    private List<PlotInputs.FrontierPoint> frontier(FitLookup.Loaded loaded, double from, double to) {
        StoredFit stored = loaded.stored();
        Curve curve = questions.curve(stored.projectId(), stored.id(), "flops", from, to, FRONTIER_POINTS, null, "confidence");
        return curve.points().stream()
                .map(p -> new PlotInputs.FrontierPoint(p.x(), p.loss(), p.lower(), p.upper())).toList();
    }

    private JFreeChart isoflop(Project project, FitLookup.Loaded loaded, List<PlotInputs.OptimaSeries> extra) {
        Fit fit = loaded.fit();
        ScalingLaw law = fit.law();
        double k = fit.flopsPerToken();
        List<PlotInputs.IsoflopCurve> curves = new ArrayList<>();
        List<PlotInputs.Optimum> optima = new ArrayList<>();
        for (double flops : budgets(fit.ranges().flops().min(), fit.ranges().flops().max())) {
            PlanOutcome<Allocation> outcome = ComputeOptimal.allocation(law, flops, k);
            if (!outcome.isPlanned()) {
                continue;
            }
            Allocation optimum = outcome.orElseThrow();
            List<PlotInputs.CurvePoint> points = new ArrayList<>(ISOFLOP_POINTS);
            for (int i = 0; i < ISOFLOP_POINTS; i++) {
                double n = optimum.parameters() * Math.pow(ISOFLOP_SPAN, 2.0 * i / (ISOFLOP_POINTS - 1) - 1);
                double loss = law.loss(n, flops / (k * n));
                if (Double.isFinite(loss)) {
                    points.add(new PlotInputs.CurvePoint(n, loss));
                }
            }
            curves.add(new PlotInputs.IsoflopCurve(flops, points));
            optima.add(new PlotInputs.Optimum(flops, optimum.parameters(), optimum.loss()));
        }
        List<PlotInputs.OptimaSeries> series = new ArrayList<>();
        series.add(new PlotInputs.OptimaSeries("optimum under the fitted law", optima));
        series.addAll(extra);
        RunSample runs = runs(project, loaded);
        return IsoflopChart.draw(heading(project, loaded, "IsoFLOP view of the fitted law", runs), runs.shown(),
                curves, series);
    }

    private JFreeChart residuals(Project project, FitLookup.Loaded loaded) {
        ScalingLaw law = loaded.fit().law();
        RunSample runs = runs(project, loaded);
        List<PlotInputs.Residual> residuals = runs.shown().stream()
                .map(r -> new PlotInputs.Residual(r.flops(), Math.log(r.loss()) - Math.log(law.loss(r.parameters(),
                        r.tokens())), r.heldOut()))
                .filter(r -> Double.isFinite(r.residual())).toList();
        return ResidualsChart.draw(heading(project, loaded, "residuals of log loss", runs), residuals);
    }

    /**
     * The project's runs the fit's filter selects, flagged when the held-out check left them out;
     * at most {@link RunSample#MAX_SHOWN} of them, so a plot's size does not grow with the project.
     */
    private RunSample runs(Project project, FitLookup.Loaded loaded) {
        FitRequest request = loaded.stored().request();
        RunPoints points = runs.points(project.id(), request.runFilter(),
                quantities.resolve(project.id(), request.target()));
        double heldOutFrom = loaded.fit().holdout() == null ? Double.POSITIVE_INFINITY
                : loaded.fit().holdout().flopsThreshold();
        List<PlotInputs.PlottedRun> plotted = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            plotted.add(new PlotInputs.PlottedRun(points.parameters()[i], points.tokens()[i], points.flops()[i],
                    points.loss()[i], points.flops()[i] >= heldOutFrom));
        }
        return RunSample.of(plotted);
    }

    private static PlotInputs.Heading heading(Project project, FitLookup.Loaded loaded, String what, RunSample runs) {
        Fit fit = loaded.fit();
        String target = loaded.stored().request().target();
        String title = project.name() + " — " + fit.form() + " fit " + loaded.stored().id()
                + (target == null ? "" : " of " + target);
        String subtitle = fit.runsUsed() + " runs fitted · " + what + " · fitted "
                + loaded.stored().createdAt().atOffset(ZoneOffset.UTC).toLocalDate()
                + (loaded.stored().dataRevision() != project.dataRevision()
                ? " · runs changed since this fit: today's runs are drawn" : "")
                // The sample's own line: it says what the plot leaves out.
                + (runs.thinned() ? "\n" + runs.caption() : "");
        return new PlotInputs.Heading(title, subtitle);
    }

    private static List<Double> budgets(double min, double max) {
        if (!(max > min)) {
            return List.of(max);
        }
        List<Double> budgets = new ArrayList<>(ISOFLOP_BUDGETS);
        for (int i = 0; i < ISOFLOP_BUDGETS; i++) {
            budgets.add(Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * i / (ISOFLOP_BUDGETS - 1)));
        }
        return budgets;
    }

    private static void requireCompute(Fit fit) {
        if (!fit.law().allocatesCompute() && !FitForms.inComputeOnly(fit.form())) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "A " + fit.form()
                    + " law does not depend on compute, so it has no loss-against-compute plot; see its residuals");
        }
    }

    private static void requireAllocating(Fit fit) {
        if (!fit.law().allocatesCompute()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "A " + fit.form()
                    + " law does not trade model size against tokens, so it has no IsoFLOP view");
        }
    }

    private static String percent(double level) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * level);
    }

    private static String abbreviate(String text) {
        String value = Objects.requireNonNullElse(text, "");
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
