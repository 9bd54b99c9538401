package dev.scaleplan.fits;

import dev.scaleplan.web.ApiEstimate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.FitOptions;
import dev.scaleplan.fitting.IsoFlopAnalyser;
import dev.scaleplan.fitting.IsoFlopAnalysis;
import dev.scaleplan.fitting.IsoFlopData;
import dev.scaleplan.fitting.IsoFlopLaw;
import dev.scaleplan.fitting.IsoFlopOptions;
import dev.scaleplan.fitting.IsoFlopOutcome;
import dev.scaleplan.planning.FittedRegion;
import dev.scaleplan.projects.Project;
import dev.scaleplan.projects.CountingConventions;
import dev.scaleplan.runs.RunFilter;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.runs.TaggedPoints;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fits of form {@value FitForms#ISOFLOP}: an IsoFLOP analysis (Hoffmann et al. 2022, Approach 2) of a project's
 * runs, stored in the fit table beside law fits and served in the same shape, with its budgets.
 */
@Component
class IsoFlopFits {

    /** The run tag that names a run's compute budget. */
    static final String BUDGET_TAG = "budget";

    /** Relative FLOPs tolerance within one budget (documented in the README). */
    static final double TOLERANCE = 0.10;

    private static final Logger log = LoggerFactory.getLogger(IsoFlopFits.class);

    private final RunService runs;
    private final FitRepository fits;
    private final FittingProperties properties;
    private final MeterRegistry meters;
    private final IsoFlopAnalyser analyser = new IsoFlopAnalyser();

    IsoFlopFits(RunService runs, FitRepository fits, FittingProperties properties,
                MeterRegistry meters) {
        this.runs = runs;
        this.fits = fits;
        this.properties = properties;
        this.meters = meters;
    }

    /** Analyses on the caller's fit slot (see {@link FitService}). */
    StoredFit fit(Project project, FitRequest request) {
        rejectLawOptions(request);
        RunFilter filter = request.runFilter();
        long matching = runs.count(project.id(), filter);
        if (matching > properties.maxRuns()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The analysis would use " + matching
                    + " runs; at most " + properties.maxRuns() + " are allowed. Narrow it with a filter.");
        }
        IsoFlopOptions options = options(request, project.flopsPerToken());
        // An IsoFLOP analysis is of dense models: routed runs (more than one expert) are left out, as dense fits do.
        IsoFlopData data = data(CountedRuns.tagged(CountingConventions.of(project), runs.points(project.id(), filter),
                runs.taggedPoints(project.id(), filter, BUDGET_TAG).dense()));
        Timer.Sample sample = Timer.start(meters);
        long started = System.nanoTime();
        IsoFlopOutcome outcome = analyser.analyse(data, options);
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        sample.stop(Timer.builder("scaleplan.fits.duration").description("Time to fit a law, with bootstrap")
                .tag("form", FitForms.ISOFLOP).tag("outcome", outcome instanceof IsoFlopAnalysis ? "fitted" : "failed")
                .register(meters));
        if (outcome instanceof IsoFlopOutcome.Failure failure) {
            log.info("IsoFLOP analysis for project {} failed: {}", project.id(), failure.message());
            throw new ApiException(ProblemType.FIT_FAILED, failure.message(), List.of(), Map.of(
                    "reason", "too-few-budgets", "runs", data.size(),
                    "budgets", failure.budgets().stream().map(IsoFlopFits::budget).toList()));
        }
        IsoFlopAnalysis analysis = (IsoFlopAnalysis) outcome;
        StoredFit stored = fits.insert(new StoredFit.IsoFlop(
                StoredFit.Header.unsaved(project.id(), project.dataRevision(), durationMs, request), analysis));
        log.info("IsoFLOP analysis for project {}: {} usable budgets, a = {}, fit {} in {} ms", project.id(),
                analysis.usableBudgets().size(), analysis.parametersExponent().estimate(), stored.id(), durationMs);
        return stored;
    }

    /** The options of an analysis made for {@code request}, e.g. when a backtest refits it. */
    static IsoFlopOptions options(FitRequest request, double flopsPerToken) {
        return FitSettings.of(request).isoFlopOptions(flopsPerToken, TOLERANCE);
    }

    static IsoFlopData data(TaggedPoints points) {
        return new IsoFlopData(points.ids(), points.parameters(), points.tokens(), points.flops(), points.loss(),
                points.tag());
    }

    PlanningFit planningFit(StoredFit.IsoFlop stored, long currentRevision) {
        IsoFlopAnalysis analysis = stored.analysis();
        FittedRegion region = new FittedRegion(analysis.parametersRange(), analysis.tokensRange(),
                analysis.flopsRange(), null, null);
        return new PlanningFit(stored.id(), FitForms.ISOFLOP, analysis.law(), analysis.drawLaws(), analysis.confidenceLevel(),
                region, stored.dataRevision(), currentRevision, stored.dataRevision() != currentRevision, List.of(), null, List.of());
    }

    FitResponse toResponse(StoredFit.IsoFlop stored, long currentRevision) {
        IsoFlopAnalysis analysis = stored.analysis();
        Map<String, ApiEstimate> parameters = new LinkedHashMap<>();
        parameters.put("a", estimate(analysis.parametersExponent()));
        parameters.put("b", estimate(analysis.tokensExponent()));
        IsoFlopLaw law = analysis.law();
        double largest = analysis.flopsRange().max();
        Map<String, ApiEstimate> derived = new LinkedHashMap<>();
        derived.put("lossExponent", estimate(analysis.lossExponent()));
        derived.put("curvature", estimate(analysis.band(IsoFlopLaw::curvature)));
        derived.put("tokensPerParameter", estimate(analysis.band(
                draw -> draw.optimalTokens(largest) / draw.optimalParameters(largest))));
        int p = 3 * analysis.usableBudgets().size();
        FitRequest request = stored.request();
        return new FitResponse(stored.id(), stored.projectId(), FitForms.ISOFLOP, parameters, derived,
                new FitResponse.Optimum(analysis.sumOfSquares(), "squared", FitOptions.DEFAULT_HUBER_DELTA),
                analysis.confidenceLevel(), new FitResponse.FittedRuns(analysis.runsUsed(),
                new FitResponse.ObservedRanges(range(analysis.parametersRange()), range(analysis.tokensRange()),
                        range(analysis.flopsRange())), request.filter(), stored.dataRevision(),
                stored.dataRevision() != currentRevision),
                new FitResponse.GoodnessOfFit(analysis.rmseLogLoss(), analysis.aic(), analysis.bic(),
                        Math.sqrt(analysis.sumOfSquares() / Math.max(1, analysis.runsUsed() - p))),
                null, FitResponse.Bootstrap.refit(analysis.bootstrapRequested(), analysis.bootstrapSize(), analysis.seed(),
                        analysis.bootstrapSize() > 0 ? null : "No bootstrap draws, so the budgets and exponents have no intervals."),
                stored.durationMs(), List.of(), stored.createdAt(), new FitResponse.IsoFlopBudgets(
                analysis.budgets().stream().map(IsoFlopFits::budget).toList(),
                analysis.runsLeftOut().stream().map(run -> new FitResponse.LeftOutRun(run.runId(), run.flops(),
                        run.reason())).toList()), null, null);
    }

    /** Options that belong to law fits are a 400 here, not silently ignored. */
    private static void rejectLawOptions(FitRequest request) {
        if ("huber".equals(request.loss())) {
            throw ApiException.invalidField("loss", "an isoflop analysis fits parabolas by least squares; "
                    + "use squared or leave it out");
        }
        if (request.huberDelta() != null) {
            throw ApiException.invalidField("huberDelta", "is not used by an isoflop analysis");
        }
        if (request.holdout() != null) {
            throw ApiException.invalidField("holdout", "is not used by an isoflop analysis; "
                    + "GET /projects/{id}/fits/{fitId}/backtest checks its extrapolation");
        }
    }

    private static FitResponse.Budget budget(IsoFlopAnalysis.Budget budget) {
        return new FitResponse.Budget(budget.flops(), budget.tag(), budget.runs(), budget.runIds(),
                estimate(budget.parametersOptimal()), estimate(budget.tokensOptimal()),
                estimate(budget.lossOptimal()), budget.curvature(), budget.excluded(), budget.reason());
    }

    private static ApiEstimate estimate(Estimate estimate) {
        return estimate == null ? null : ApiEstimate.of(estimate);
    }

    private static FitResponse.Range range(dev.scaleplan.fitting.Range range) {
        return new FitResponse.Range(range.min(), range.max());
    }
}
