package dev.scaleplan.fits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.scaleplan.fitting.LawForm;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitData;
import dev.scaleplan.fitting.FitDiagnostics;
import dev.scaleplan.fitting.RepeatedRuns;
import dev.scaleplan.fitting.FitFailure;
import dev.scaleplan.fitting.FitMonitor;
import dev.scaleplan.fitting.FitOptions;
import dev.scaleplan.fitting.FitOutcome;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.Range;
import dev.scaleplan.fitting.ScalingLawFitter;
import dev.scaleplan.projects.Project;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.projects.CountingConventions;
import dev.scaleplan.runs.FlopsMismatches;
import dev.scaleplan.runs.RunFilter;
import dev.scaleplan.runs.RunPoints;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Service;

/**
 * Runs fits: checks a request against the project's runs, fits on one of this replica's slots within the
 * time budget, stores the result and caches it parsed. {@link FitLookup} finds stored fits and
 * {@link FitViews} answers them.
 */
@Service
public class FitService {

    private static final Logger log = LoggerFactory.getLogger(FitService.class);

    private final ProjectService projects;
    private final RunService runs;
    private final FitRepository fits;
    private final FitSlots slots;
    private final FittingProperties properties;
    private final MeterRegistry meters;
    private final DownstreamFits downstream;
    private final IsoFlopFits isoflops;
    private final FitViews views;
    private final ScalingLawFitter fitter = new ScalingLawFitter();
    private final FitCache cache;
    private final TargetRuns.Reader targets;

    FitService(ProjectService projects, RunService runs, FitRepository fits, FitSlots slots,
               FittingProperties properties, MeterRegistry meters, IsoFlopFits isoflops, DownstreamFits downstream,
               FitViews views, CacheManager caches, TargetRuns.Reader targets) {
        this.targets = targets;
        this.cache = new FitCache(caches);
        this.isoflops = isoflops;
        this.downstream = downstream;
        this.views = views;
        this.projects = projects;
        this.runs = runs;
        this.fits = fits;
        this.slots = slots;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * What can be checked before a fit job is queued, without fitting: the project exists and the
     * fit would not use too many runs.
     */
    public void checkFittable(String projectId, FitRequest request) {
        checkRunCount(projects.get(projectId).id(), request.runFilter());
    }

    /**
     * Fits for a job, on a job thread: waits for one of this replica's fit slots, then fits within
     * the time budget, reporting progress to {@code monitor} and stopping when it asks to.
     */
    public FitResponse fitForJob(String projectId, FitRequest request, FitMonitor monitor) throws InterruptedException {
        Project project = projects.get(projectId);
        return views.toResponse(slots.runWhenFree(() -> fit(project, request, monitor)), project.dataRevision());
    }

    private void checkRunCount(String projectId, RunFilter filter) {
        long matching = runs.count(projectId, filter);
        if (matching > properties.maxRuns()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The fit would use " + matching + " runs; at most "
                    + properties.maxRuns() + " are allowed. Narrow it with a filter.");
        }
    }

    /** A fit made now on the calling thread ({@link FirstFits}' worker): refused at once when no slot is free. */
    StoredFit fitNow(Project project, FitRequest request) {
        return slots.run(() -> fit(project, request, FitMonitor.NONE));
    }

    /** The one place a fit is computed and stored, whoever asked for it. */
    private StoredFit fit(Project project, FitRequest request, FitMonitor monitor) {
        if (request.target() != null && (FitForms.isIsoFlop(request.form()) || FitForms.isDownstream(request.form()))) {
            throw ApiException.invalidField("target", "applies to law forms only; a downstream fit takes metric and from");
        }
        if (request.from() != null && !FitForms.isDownstream(request.form())) {
            throw ApiException.invalidField("from", "applies to form downstream only");
        }
        if (FitForms.isIsoFlop(request.form())) {
            return isoflops.fit(project, request);
        }
        RunFilter filter = request.runFilter();
        FitSettings settings = FitSettings.of(request);
        checkRunCount(project.id(), filter);
        if (FitForms.isDownstream(request.form())) {
            return downstream.fit(project, request, filter, settings.bootstrap(), settings.confidenceLevel(),
                    settings.seed());
        }
        if (request.metric() != null || request.shape() != null) {
            throw ApiException.invalidField(request.metric() != null ? "metric" : "shape",
                    "applies to form downstream only");
        }
        LawForm form = LawForms.require(request.form());
        TargetRuns target = targets.points(project, request, filter);
        RunPoints all = target.points();
        // A dense law is fitted to the dense runs only; the moe form needs routed runs beside them.
        RunPoints candidates = form.usesExperts() ? all : all.dense();
        RepeatedRuns.Screen repeated = RepeatedRuns.screen(form, candidates.tokens(), candidates.uniqueTokens());
        RunPoints points = candidates.select(repeated.kept());
        int bootstrap = settings.bootstrap();
        FitOptions options = settings.lawOptions(project.flopsPerToken());
        FitData data = new FitData(points.parameters(), points.tokens(),
                CountedRuns.flops(CountingConventions.of(project), points), points.loss(), points.experts(),
                points.uniqueTokens());
        Timer.Sample sample = Timer.start(meters);
        long started = System.nanoTime();
        FitOutcome outcome = fitter.fit(form, data, options, monitor.withTimeBudget(properties.timeBudget()));
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        String result = outcome instanceof Fit ? "fitted" : "failed";
        sample.stop(Timer.builder("scaleplan.fits.duration").description("Time to fit a law, with bootstrap")
                .tag("form", request.form()).tag("outcome", result).register(meters));
        if (outcome instanceof FitFailure failure) {
            log.info("Fit of {} for project {} failed: {} ({})", request.form(), project.id(), failure.reason(),
                    failure.message());
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("reason", failure.reason().name().toLowerCase().replace('_', '-'));
            properties.put("runs", points.size());
            properties.putAll(failure.details());
            String message = failure.reason() == FitFailure.Reason.TIME_BUDGET_EXCEEDED
                    ? failure.message() + " (" + this.properties.timeBudget().toSeconds()
                    + " s, scaleplan.fitting.time-budget); fit fewer runs or ask for fewer bootstrap refits"
                    : failure.message();
            throw new ApiException(ProblemType.FIT_FAILED, message, List.of(), properties);
        }
        Fit fit = (Fit) outcome;
        List<String> warnings = new ArrayList<>(FitDiagnostics.warnings(fit, bootstrap));
        warnings.addAll(RepeatedRuns.warnings(fit, data));
        if (repeated.warning() != null) {
            warnings.add(repeated.warning());
        }
        target.warning().ifPresent(warnings::add);
        FlopsMismatches mismatches = runs.flopsMismatches(project.id(), filter, project.flopsPerToken());
        if (mismatches.any()) {
            warnings.add(mismatches.warning(project.flopsPerToken()));
        }
        FitDocument document = FitDocument.of(fit, bootstrap, tokensPerParameter(points), min(points.loss()), warnings);
        StoredFit stored = fits.insert(new StoredFit.LawFit(
                StoredFit.Header.unsaved(project.id(), project.dataRevision(), durationMs, request), document));
        cache.put(new FitCache.Entry(stored, fit));
        log.info("Fitted {} for project {} on {} runs in {} ms: fit {}, objective {}, {} warning(s)", fit.form(),
                project.id(), fit.runsUsed(), durationMs, stored.id(), fit.objective(), warnings.size());
        return stored;
    }

    private static Range tokensPerParameter(RunPoints points) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            double ratio = points.tokens()[i] / points.parameters()[i];
            min = Math.min(min, ratio);
            max = Math.max(max, ratio);
        }
        return new Range(min, max);
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
        }
        return min;
    }
}
