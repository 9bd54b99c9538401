package dev.scaleplan.fits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.scaleplan.fitting.LawForm;
import dev.scaleplan.fitting.RoutedScalingLaw;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitLaws;
import dev.scaleplan.fitting.FitData;
import dev.scaleplan.fitting.FitDiagnostics;
import dev.scaleplan.fitting.FitFailure;
import dev.scaleplan.fitting.FitMonitor;
import dev.scaleplan.fitting.FitOptions;
import dev.scaleplan.fitting.FitOutcome;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.Objective;
import dev.scaleplan.fitting.Range;
import dev.scaleplan.fitting.RepeatedRuns;
import dev.scaleplan.fitting.ScalingLawFitter;
import dev.scaleplan.planning.MoePlanner;
import dev.scaleplan.planning.FittedRegion;
import dev.scaleplan.projects.Project;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.runs.FlopsMismatches;
import dev.scaleplan.runs.RunFilter;
import dev.scaleplan.runs.RunPoints;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import dev.scaleplan.web.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Service;

/** Fits a project's runs, keeps the fits, and answers predictions and curves from them without refitting. */
@Service
public class FitService {

    static final String DEFAULT_FORM = "chinchilla";
    static final int DEFAULT_BOOTSTRAP = 200;
    static final long DEFAULT_SEED = 42;
    private static final String NO_DRAWS_REQUESTED =
            "No bootstrap refits were requested (bootstrap: 0), so there are no intervals: lower and upper are null.";
    private static final String NO_DRAWS_CONVERGED =
            "No bootstrap refit converged, so there are no intervals: lower and upper are null.";
    private static final Logger log = LoggerFactory.getLogger(FitService.class);

    private final ProjectService projects;
    private final RunService runs;
    private final FitRepository fits;
    private final FitSlots slots;
    private final FittingProperties properties;
    private final MeterRegistry meters;
    private final DownstreamFits downstream;
    private final IsoFlopFits isoflops;
    private final ScalingLawFitter fitter = new ScalingLawFitter();
    private final FitCache cache;

    FitService(ProjectService projects, RunService runs, FitRepository fits, FitSlots slots,
               FittingProperties properties, MeterRegistry meters, IsoFlopFits isoflops, DownstreamFits downstream,
               CacheManager caches) {
        this.cache = new FitCache(caches);
        this.isoflops = isoflops;
        this.downstream = downstream;
        this.projects = projects;
        this.runs = runs;
        this.fits = fits;
        this.slots = slots;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Fits now, on the calling thread, when one of this replica's slots is free (else a 503 at once).
     * For in-process callers; {@code POST /fits} goes through fit jobs ({@code jobs} package).
     */
    public FitResponse create(String projectId, FitRequest request) {
        Project project = projects.get(projectId);
        return toResponse(fitNow(project, request), project.dataRevision());
    }

    /**
     * What can be checked before a fit job is queued, without fitting: the project exists and the
     * fit would not use too many runs.
     */
    public void checkFittable(String projectId, FitRequest request) {
        checkRunCount(projects.get(projectId).id(), filter(request));
    }

    /**
     * Fits for a job, on a job thread: waits for one of this replica's fit slots, then fits within
     * the time budget, reporting progress to {@code monitor} and stopping when it asks to.
     */
    public FitResponse fitForJob(String projectId, FitRequest request, FitMonitor monitor) throws InterruptedException {
        Project project = projects.get(projectId);
        return toResponse(slots.runWhenFree(() -> fit(project, request, monitor)), project.dataRevision());
    }

    private static RunFilter filter(FitRequest request) {
        return request.filter() == null ? RunFilter.ALL
                : new RunFilter(request.filter().dataset(), request.filter().tags());
    }

    private void checkRunCount(String projectId, RunFilter filter) {
        long matching = runs.count(projectId, filter);
        if (matching > properties.maxRuns()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The fit would use " + matching + " runs; at most "
                    + properties.maxRuns() + " are allowed. Narrow it with a filter.");
        }
    }

    /** A fit made on a request thread (a plan's implicit first fit): refused at once when no slot is free. */
    private FitRepository.StoredFit fitNow(Project project, FitRequest request) {
        return slots.run(() -> fit(project, request, FitMonitor.NONE));
    }

    /** The one place a fit is computed and stored, whoever asked for it. */
    private FitRepository.StoredFit fit(Project project, FitRequest request, FitMonitor monitor) {
        if (IsoFlopFits.FORM.equals(request.form())) {
            return isoflops.fit(project, request);
        }
        RunFilter filter = filter(request);
        checkRunCount(project.id(), filter);
        if (FitRepository.DOWNSTREAM.equals(request.form())) {
            return downstream.fit(project, request, filter,
                    Objects.requireNonNullElse(request.bootstrap(), DEFAULT_BOOTSTRAP),
                    Objects.requireNonNullElse(request.confidenceLevel(), 0.9),
                    Objects.requireNonNullElse(request.seed(), DEFAULT_SEED));
        }
        if (request.metric() != null || request.shape() != null) {
            throw ApiException.invalidField(request.metric() != null ? "metric" : "shape",
                    "applies to form downstream only");
        }
        LawForm form = LawForms.require(request.form());
        RunPoints all = runs.points(project.id(), filter);
        // A dense law is fitted to the dense runs only; the moe form needs routed runs beside them.
        RunPoints candidates = form.usesExperts() ? all : all.dense();
        RepeatedRuns.Screen repeated = RepeatedRuns.screen(form, candidates.tokens(), candidates.uniqueTokens());
        RunPoints points = candidates.select(repeated.kept());
        int bootstrap = Objects.requireNonNullElse(request.bootstrap(), DEFAULT_BOOTSTRAP);
        FitOptions options = new FitOptions(
                "squared".equals(request.loss()) ? Objective.SQUARED : Objective.HUBER,
                Objects.requireNonNullElse(request.huberDelta(), FitOptions.DEFAULT_HUBER_DELTA),
                bootstrap,
                Objects.requireNonNullElse(request.confidenceLevel(), 0.9),
                Objects.requireNonNullElse(request.seed(), DEFAULT_SEED),
                Objects.requireNonNullElse(request.holdout(), 0.1),
                project.flopsPerToken());
        FitData data = new FitData(points.parameters(), points.tokens(), points.flops(), points.loss(),
                points.experts(), points.uniqueTokens());
        Timer.Sample sample = Timer.start(meters);
        long started = System.nanoTime();
        FitOutcome outcome = fitter.fit(form, data, options, withTimeBudget(monitor));
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
        FlopsMismatches mismatches = runs.flopsMismatches(project.id(), filter, project.flopsPerToken());
        if (mismatches.any()) {
            warnings.add(mismatches.warning(project.flopsPerToken()));
        }
        FitDocument document = FitDocument.of(fit, bootstrap, tokensPerParameter(points), min(points.loss()), warnings);
        FitRepository.StoredFit stored = fits.insert(project.id(), project.dataRevision(), durationMs, request, document);
        cache.put(new FitCache.Entry(stored, fit));
        log.info("Fitted {} for project {} on {} runs in {} ms: fit {}, objective {}, {} warning(s)", fit.form(),
                project.id(), fit.runsUsed(), durationMs, stored.id(), fit.objective(), warnings.size());
        return stored;
    }

    public FitResponse get(String projectId, long fitId) {
        Project project = projects.get(projectId);
        return toResponse(fits.findSummary(projectId, fitId).orElseThrow(() -> ApiException.notFound("Fit", fitId)),
                project.dataRevision());
    }

    public FitResponse latest(String projectId, String form) {
        Project project = projects.get(projectId);
        String wanted = form == null ? DEFAULT_FORM : form;
        if (LawForms.byId(wanted).isEmpty() && !IsoFlopFits.FORM.equals(wanted)
                && !FitRepository.DOWNSTREAM.equals(wanted)) {
            throw ApiException.invalidParameter("form", "unknown form '" + wanted + "'");
        }
        return fits.latestSummary(projectId, wanted).map(fit -> toResponse(fit, project.dataRevision()))
                .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                        "Project '" + projectId + "' has no " + wanted + " fit yet"));
    }

    /**
     * The newest fit made with exactly this request on the project's current runs, else a new one: how
     * cross-checks (datasets compared) reuse fits instead of refitting on every request.
     */
    public FitResponse reuseOrFit(String projectId, FitRequest request) {
        Project project = projects.get(projectId);
        FitRepository.StoredFit stored = fits.latestSame(projectId, request, project.dataRevision())
                .orElseGet(() -> fitNow(project, request));
        return toResponse(stored, project.dataRevision());
    }

    /**
     * The project's newest fit of {@code form} without looking the project up (one indexed query, for the
     * plan path); {@code stale} is not checked and reads false.
     */
    public java.util.Optional<FitResponse> latestUnchecked(String projectId, String form) {
        return fits.latestSummary(projectId, form).map(fit -> toResponse(fit, fit.dataRevision()));
    }

    /** The project's newest fit of {@code form}, if any (the project must exist). */
    public java.util.Optional<FitResponse> latestIfAny(String projectId, String form) {
        Project project = projects.get(projectId);
        return fits.latestSummary(projectId, form).map(fit -> toResponse(fit, project.dataRevision()));
    }

    /** Newest first, from summaries: a list never reads a fit's draws or residuals. */
    public PageResponse<FitResponse> list(String projectId, PageRequest page) {
        Project project = projects.get(projectId);
        return PageResponse.of(fits.page(projectId, page.offset(), page.size()).stream()
                .map(fit -> toResponse(fit, project.dataRevision())).toList(), page, fits.count(projectId));
    }

    /**
     * The fit a plan uses: the given one, else the project's latest chinchilla fit, fitted now with
     * default options when there is none. A fit that is not in PostgreSQL is a 404.
     */
    public PlanningFit planningFit(String projectId, Long fitId) {
        Loaded loaded;
        if (fitId != null) {
            loaded = load(projectId, fitId);
            if (!loaded.stored().isIsoFlop()) {
                Fit given = lawFit(loaded, projectId, fitId);
                if (given.isRouted()) {
                    throw ApiException.invalidField("fitId", "fit " + fitId + " is a moe fit, which has no data term to "
                            + "split compute by; give a dense fit as fitId and the moe fit as moeFitId");
                }
            }
        } else {
            Project project = projects.get(projectId);
            FitRepository.StoredFit stored = fits.latest(projectId, DEFAULT_FORM).orElseGet(() -> {
                if (runs.count(projectId, RunFilter.ALL) == 0) {
                    throw new ApiException(ProblemType.UNPROCESSABLE,
                            "Project '" + projectId + "' has no runs to fit; upload runs first");
                }
                return fitNow(project, new FitRequest(DEFAULT_FORM, null, null, null, null, null, null, null, null, null));
            });
            FitCache.Entry entry = cache.get(projectId, stored.id()).orElseGet(() -> {
                FitCache.Entry parsed = new FitCache.Entry(stored, stored.document().toFit());
                cache.put(parsed);
                return parsed;
            });
            loaded = new Loaded(entry.stored(), entry.fit(), entry.laws(), project.dataRevision());
        }
        FitRepository.StoredFit stored = loaded.stored();
        if (stored.isIsoFlop()) {
            return isoflops.planningFit(stored, loaded.currentRevision());
        }
        Fit fit = loaded.fit();
        return new PlanningFit(stored.id(), fit.form(), loaded.laws().best(), loaded.laws().draws(), fit.confidenceLevel(),
                loaded.region(), stored.dataRevision(), loaded.currentRevision(),
                stored.dataRevision() != loaded.currentRevision(), stored.document().warningsOrEmpty());
    }

    /**
     * The moe fit MoE plan options use (the given one, else the project's latest), with the share of
     * active parameters replicated per expert estimated from its routed runs: 422 when there is none.
     */
    public MoePlanningFit moePlanningFit(String projectId, Long moeFitId) {
        long id = moeFitId != null ? moeFitId : fits.latestSummary(projectId, "moe").map(FitRepository.StoredFit::id)
                .orElseThrow(() -> new ApiException(ProblemType.UNPROCESSABLE,
                "Project '" + projectId + "' has no moe fit, and its plans' dense fits cannot say what experts do; "
                        + "fit the moe form first (POST /projects/" + projectId + "/fits {\"form\": \"moe\"})"));
        Loaded loaded = load(projectId, id);
        FitRepository.StoredFit stored = loaded.stored();
        if (loaded.fit() == null || !loaded.fit().isRouted()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + stored.id() + " is "
                    + (loaded.fit() == null ? stored.request().form() : loaded.fit().form())
                    + ": this fit is not a moe fit; fit the moe form");
        }
        Fit fit = loaded.fit();
        FitRequest.Filter filter = stored.request().filter();
        RunPoints points = runs.points(projectId, filter == null ? RunFilter.ALL
                : new RunFilter(filter.dataset(), filter.tags()));
        return new MoePlanningFit(stored.id(), (RoutedScalingLaw) loaded.laws().best(),
                loaded.laws().draws().stream().map(RoutedScalingLaw.class::cast).toList(), fit.confidenceLevel(),
                MoePlanner.expertShare(points.parameters(), points.totalParameters(), points.experts()));
    }

    /** E and the exponents at a bound of their domain in a law fit (none for an IsoFLOP analysis or a downstream fit). */
    public List<String> shapeParametersAtBound(String projectId, long fitId) {
        Fit fit = load(projectId, fitId).fit();
        return fit == null ? List.of() : FitDiagnostics.shapeParametersAtBound(fit.lawForm(), fit.estimate());
    }

    /** The irreducible loss E of a chinchilla fit. */
    public record IrreducibleLoss(long fitId, double loss) {
    }

    /** E of the project's latest chinchilla fit, if it has one: a floor other forms' plans are compared with. */
    public java.util.Optional<IrreducibleLoss> chinchillaIrreducibleLoss(String projectId) {
        return fits.latestSummary(projectId, DEFAULT_FORM)
                .map(stored -> new IrreducibleLoss(stored.id(), stored.document().parameters().get("E").estimate()));
    }

    /** A stored fit with its parsed form (null for an IsoFLOP analysis or a downstream fit) and its project's current data revision. */
    record Loaded(FitRepository.StoredFit stored, Fit fit, FitLaws laws, long currentRevision) {

        FittedRegion region() {
            return FitService.region(stored.document());
        }
    }

    /** The loss law of a stored fit: a 422 for an IsoFLOP analysis or a downstream fit. */
    Fit lossFit(String projectId, long fitId) {
        return lawFit(load(projectId, fitId), projectId, fitId);
    }

    /** A law fit; an IsoFLOP analysis has no law of N and D to predict with, so it is a 422 here. */
    static Fit lawFit(Loaded loaded, String projectId, long fitId) {
        FitRepository.StoredFit stored = loaded.stored();
        if (stored.isIsoFlop()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + fitId + " is an isoflop analysis, which gives "
                    + "the compute-optimal frontier only: plan with it (POST /api/v1/projects/" + projectId
                    + "/plans with its fitId), or compare it with a chinchilla fit (GET /api/v1/projects/" + projectId
                    + "/agreement)");
        }
        if (stored.isDownstream()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + fitId + " is a downstream fit of metric '"
                    + stored.request().metric() + "'; predict with a loss fit and metrics=" + stored.request().metric());
        }
        return loaded.fit();
    }

    /**
     * The fit, checked against PostgreSQL on every call (one primary-key lookup, which also gives the
     * project's revision) and parsed at most once per replica: a deleted fit is a 404 on every replica,
     * also after its project was deleted and re-created under the same id.
     */
    Loaded load(String projectId, long fitId) {
        Long revision = fits.projectRevisionIfExists(projectId, fitId).orElse(null);
        if (revision == null) {
            cache.evict(fitId);
            projects.requireExists(projectId);
            throw ApiException.notFound("Fit", fitId);
        }
        FitCache.Entry entry = cache.get(projectId, fitId).orElseGet(() -> {
            FitRepository.StoredFit stored = fits.find(projectId, fitId)
                    .orElseThrow(() -> ApiException.notFound("Fit", fitId));
            FitCache.Entry parsed = new FitCache.Entry(stored, stored.document() == null ? null : stored.document().toFit());
            cache.put(parsed);
            return parsed;
        });
        return new Loaded(entry.stored(), entry.fit(), entry.laws(), revision);
    }

    /** The runs a stored fit was fitted on, as planning sees them. */
    static FittedRegion region(FitDocument document) {
        return new FittedRegion(FitDocument.range(document.parametersRange()), FitDocument.range(document.tokensRange()),
                FitDocument.range(document.flopsRange()), FitDocument.range(document.tokensPerParameterRange()),
                document.lowestLoss());
    }

    /** {@code monitor}, also stopping the fit once it has computed for {@code scaleplan.fitting.time-budget}. */
    private FitMonitor withTimeBudget(FitMonitor monitor) {
        long deadline = System.nanoTime() + properties.timeBudget().toNanos();
        return new FitMonitor() {
            @Override
            public void progress(Phase phase, double fraction) {
                monitor.progress(phase, fraction);
            }

            @Override
            public Stop stop() {
                Stop stop = monitor.stop();
                return stop != null ? stop : System.nanoTime() - deadline > 0 ? Stop.TIME_BUDGET : null;
            }
        };
    }

    /** The project's runs a filter selects, as the fit reads them (for drawing them beside the fit). */
    RunPoints points(String projectId, RunFilter filter) {
        return runs.points(projectId, filter);
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

    static String noIntervalNote(FitDocument document) {
        Integer requested = document.bootstrapRequested();
        return requested != null && requested == 0 ? NO_DRAWS_REQUESTED : NO_DRAWS_CONVERGED;
    }

    private FitResponse toResponse(FitRepository.StoredFit stored, long currentRevision) {
        if (stored.isDownstream()) {
            return DownstreamFits.response(stored, currentRevision, DEFAULT_BOOTSTRAP);
        }
        if (stored.isIsoFlop()) {
            return isoflops.toResponse(stored, currentRevision);
        }
        FitDocument fit = stored.document();
        FitDocument.Check h = fit.holdout();
        FitResponse.Holdout holdout = h == null ? null : new FitResponse.Holdout(h.runsHeldOut(), h.flopsThreshold(),
                h.rmseLogLoss(), h.meanAbsoluteRelativeError());
        boolean intervals = fit.bootstrapSize() > 0;
        FitRequest request = stored.request();
        return new FitResponse(stored.id(), stored.projectId(), fit.form(), estimates(fit.parameters(), intervals),
                estimates(fit.derived(), intervals), fit.objective(), fit.objectiveType().toLowerCase(),
                fit.huberDelta(), fit.confidenceLevel(), fit.runsUsed(),
                new FitResponse.ObservedRanges(range(fit.parametersRange()), range(fit.tokensRange()),
                        range(fit.flopsRange())),
                new FitResponse.GoodnessOfFit(fit.rmseLogLoss(), fit.aic(), fit.bic(), fit.residualStd()), holdout,
                FitResponse.Bootstrap.of(Objects.requireNonNullElse(fit.bootstrapRequested(), DEFAULT_BOOTSTRAP),
                        fit.bootstrapSize(), fit.seed(), intervals ? null : noIntervalNote(fit), fit.method()),
                request.filter(), stored.dataRevision(), stored.dataRevision() != currentRevision,
                stored.durationMs(), fit.warningsOrEmpty(), stored.createdAt(), null, null, null, null, null);
    }

    private static Map<String, FitResponse.Estimate> estimates(Map<String, FitDocument.Value> values,
                                                               boolean intervals) {
        Map<String, FitResponse.Estimate> result = new LinkedHashMap<>();
        values.forEach((name, e) -> result.put(name, new FitResponse.Estimate(e.estimate(),
                intervals ? e.lower() : null, intervals ? e.upper() : null)));
        return result;
    }

    private static FitResponse.Range range(FitDocument.Span range) {
        return new FitResponse.Range(range.min(), range.max());
    }
}
