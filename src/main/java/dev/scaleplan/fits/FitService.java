package dev.scaleplan.fits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.scaleplan.fitting.Band;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitData;
import dev.scaleplan.fitting.FitFailure;
import dev.scaleplan.fitting.FitOptions;
import dev.scaleplan.fitting.FitOutcome;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.Objective;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.fitting.ScalingLawFitter;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.ComputeOptimal;
import dev.scaleplan.planning.PlanOutcome;
import dev.scaleplan.projects.Project;
import dev.scaleplan.projects.ProjectService;
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
import org.springframework.stereotype.Service;

/** Fits a project's runs, keeps the fits, and answers predictions and curves from them without refitting. */
@Service
public class FitService {

    static final String DEFAULT_FORM = "chinchilla";
    private static final int DEFAULT_BOOTSTRAP = 200;
    private static final long DEFAULT_SEED = 42;
    private static final int CACHE_SIZE = 256;
    private static final Logger log = LoggerFactory.getLogger(FitService.class);

    private final ProjectService projects;
    private final RunService runs;
    private final FitRepository fits;
    private final FitSlots slots;
    private final FittingProperties properties;
    private final MeterRegistry meters;
    private final ScalingLawFitter fitter = new ScalingLawFitter();
    /** Stored fits never change, so parsed ones are kept for predictions and plans. */
    private final Map<Long, FitRepository.StoredFit> cache = new ConcurrentHashMap<>();

    FitService(ProjectService projects, RunService runs, FitRepository fits, FitSlots slots,
               FittingProperties properties, MeterRegistry meters) {
        this.projects = projects;
        this.runs = runs;
        this.fits = fits;
        this.slots = slots;
        this.properties = properties;
        this.meters = meters;
    }

    public FitResponse create(String projectId, FitRequest request) {
        Project project = projects.get(projectId);
        return toResponse(fit(project, request), project.dataRevision());
    }

    private FitRepository.StoredFit fit(Project project, FitRequest request) {
        RunFilter filter = request.filter() == null ? RunFilter.ALL
                : new RunFilter(request.filter().dataset(), request.filter().tags());
        long matching = runs.count(project.id(), filter);
        if (matching > properties.maxRuns()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The fit would use " + matching + " runs; at most "
                    + properties.maxRuns() + " are allowed. Narrow it with a filter.");
        }
        RunPoints points = runs.points(project.id(), filter);
        FitOptions options = new FitOptions(
                "squared".equals(request.loss()) ? Objective.SQUARED : Objective.HUBER,
                Objects.requireNonNullElse(request.huberDelta(), FitOptions.DEFAULT_HUBER_DELTA),
                Objects.requireNonNullElse(request.bootstrap(), DEFAULT_BOOTSTRAP),
                Objects.requireNonNullElse(request.confidenceLevel(), 0.9),
                Objects.requireNonNullElse(request.seed(), DEFAULT_SEED),
                Objects.requireNonNullElse(request.holdout(), 0.1),
                project.flopsPerToken());
        FitData data = new FitData(points.parameters(), points.tokens(), points.flops(), points.loss());
        Timer.Sample sample = Timer.start(meters);
        long started = System.nanoTime();
        FitOutcome outcome = slots.run(() -> fitter.fit(LawForms.require(request.form()), data, options));
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        String result = outcome instanceof Fit ? "fitted" : "failed";
        sample.stop(Timer.builder("scaleplan.fits.duration").description("Time to fit a law, with bootstrap")
                .tag("form", request.form()).tag("outcome", result).register(meters));
        if (outcome instanceof FitFailure failure) {
            log.info("Fit of {} for project {} failed: {} ({})", request.form(), project.id(), failure.reason(),
                    failure.message());
            throw new ApiException(ProblemType.FIT_FAILED, failure.message(), List.of(),
                    Map.of("reason", failure.reason().name().toLowerCase().replace('_', '-'), "runs", points.size()));
        }
        Fit fit = (Fit) outcome;
        FitRepository.StoredFit stored = fits.insert(project.id(), project.dataRevision(), durationMs, request, fit);
        log.info("Fitted {} for project {} on {} runs in {} ms: fit {}, objective {}", fit.form(), project.id(),
                fit.runsUsed(), durationMs, stored.id(), fit.objective());
        return stored;
    }

    public FitResponse get(String projectId, long fitId) {
        Project project = projects.get(projectId);
        return toResponse(stored(projectId, fitId), project.dataRevision());
    }

    public FitResponse latest(String projectId, String form) {
        Project project = projects.get(projectId);
        String wanted = form == null ? DEFAULT_FORM : form;
        if (LawForms.byId(wanted).isEmpty()) {
            throw ApiException.invalidParameter("form", "unknown form '" + wanted + "'");
        }
        return fits.latest(projectId, wanted).map(fit -> toResponse(fit, project.dataRevision()))
                .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                        "Project '" + projectId + "' has no " + wanted + " fit yet"));
    }

    public PageResponse<FitResponse> list(String projectId, PageRequest page) {
        Project project = projects.get(projectId);
        return PageResponse.of(fits.page(projectId, page.offset(), page.size()).stream()
                .map(fit -> toResponse(fit, project.dataRevision())).toList(), page, fits.count(projectId));
    }

    /** The loss at (N, D), or on the compute-optimal frontier at C, with its band. */
    public Prediction predict(String projectId, long fitId, Double parameters, Double tokens, Double flops, String band) {
        projects.requireExists(projectId);
        Fit fit = stored(projectId, fitId).fit();
        Band kind = band(band);
        double[] point;
        if (flops != null) {
            if (parameters != null || tokens != null) {
                throw ApiException.invalidParameter("flops", "give either flops, or parameters and tokens");
            }
            point = frontier(fit, positive("flops", flops));
        } else {
            if (parameters == null || tokens == null) {
                throw ApiException.invalidParameter(parameters == null ? "parameters" : "tokens",
                        "is required (or give flops for the compute-optimal frontier)");
            }
            double n = positive("parameters", parameters);
            double d = positive("tokens", tokens);
            point = new double[] {n, d, fit.flopsPerToken() * n * d};
        }
        dev.scaleplan.fitting.Estimate loss = finite(fit.predict(point[0], point[1], kind), point);
        return new Prediction(fitId, point[0], point[1], point[2], loss.estimate(), loss.lower(), loss.upper(),
                fit.confidenceLevel(), kind.name().toLowerCase(), extrapolation(fit, point));
    }

    /** A log-spaced series of predictions along one axis. */
    public Curve curve(String projectId, long fitId, String axis, Double from, Double to, int points, Double fixed,
                       String band) {
        projects.requireExists(projectId);
        Fit fit = stored(projectId, fitId).fit();
        Band kind = band(band);
        if (points < 2 || points > 500) {
            throw ApiException.invalidParameter("points", "must be between 2 and 500");
        }
        dev.scaleplan.fitting.Range observed = switch (axis) {
            case "flops" -> fit.flopsRange();
            case "parameters" -> fit.parametersRange();
            case "tokens" -> fit.tokensRange();
            default -> throw ApiException.invalidParameter("axis", "must be flops, parameters or tokens");
        };
        double lo = from == null ? observed.min() : positive("from", from);
        double hi = to == null ? observed.max() * 100 : positive("to", to);
        if (!(hi > lo)) {
            throw ApiException.invalidParameter("to", "must be greater than from");
        }
        Double other = switch (axis) {
            case "parameters" -> fixed == null ? fit.tokensRange().max() : positive("fixed", fixed);
            case "tokens" -> fixed == null ? fit.parametersRange().max() : positive("fixed", fixed);
            default -> null;
        };
        List<Curve.Point> series = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            double x = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (points - 1));
            double[] point = switch (axis) {
                case "flops" -> frontier(fit, x);
                case "parameters" -> new double[] {x, other};
                default -> new double[] {other, x};
            };
            dev.scaleplan.fitting.Estimate loss = finite(fit.predict(point[0], point[1], kind), point);
            series.add(new Curve.Point(x, loss.estimate(), loss.lower(), loss.upper()));
        }
        return new Curve(fitId, axis, other, kind.name().toLowerCase(), fit.confidenceLevel(), series);
    }

    /**
     * The fit a plan uses: the given one, else the project's latest chinchilla fit, fitted now with
     * default options when there is none.
     */
    public PlanningFit planningFit(String projectId, Long fitId) {
        FitRepository.StoredFit stored;
        if (fitId != null) {
            stored = stored(projectId, fitId);
        } else {
            Project project = projects.get(projectId);
            stored = fits.latest(projectId, DEFAULT_FORM).orElseGet(() -> {
                if (runs.count(projectId, RunFilter.ALL) == 0) {
                    throw new ApiException(ProblemType.UNPROCESSABLE,
                            "Project '" + projectId + "' has no runs to fit; upload runs first");
                }
                return fit(project, new FitRequest(DEFAULT_FORM, null, null, null, null, null, null, null));
            });
        }
        Fit fit = stored.fit();
        return new PlanningFit(stored.id(), fit.form(), fit.law(), fit.drawLaws(), fit.confidenceLevel(),
                fit.flopsRange().max());
    }

    FitRepository.StoredFit stored(String projectId, long fitId) {
        FitRepository.StoredFit cached = cache.get(fitId);
        if (cached != null && cached.projectId().equals(projectId)) {
            return cached;
        }
        FitRepository.StoredFit stored = fits.find(projectId, fitId)
                .orElseThrow(() -> ApiException.notFound("Fit", fitId));
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        cache.put(fitId, stored);
        return stored;
    }

    /** The project's runs a filter selects, as the fit reads them (for drawing them beside the fit). */
    RunPoints points(String projectId, RunFilter filter) {
        return runs.points(projectId, filter);
    }

    /** N, D and C of the compute-optimal allocation of C under the best fit. */
    private static double[] frontier(Fit fit, double flops) {
        ScalingLaw law = fit.law();
        double k = fit.flopsPerToken();
        if (!law.allocatesCompute()) {
            if (!"power-law-flops".equals(fit.form())) {
                throw new ApiException(ProblemType.UNPROCESSABLE, "A " + fit.form()
                        + " law does not depend on compute; ask for parameters and tokens instead");
            }
            return new double[] {flops / k, 1, flops};
        }
        if (flops < k) {
            throw ApiException.invalidParameter("flops", "must be at least flopsPerToken (" + k + ")");
        }
        PlanOutcome<Allocation> outcome = ComputeOptimal.allocation(law, flops, k);
        if (!outcome.isPlanned()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, outcome.reason());
        }
        Allocation allocation = outcome.orElseThrow();
        return new double[] {allocation.parameters(), allocation.tokens(), allocation.flops()};
    }

    private static Prediction.Extrapolation extrapolation(Fit fit, double[] point) {
        double ratio = point[2] / fit.flopsRange().max();
        List<String> outside = new ArrayList<>();
        check(outside, "N", point[0], fit.parametersRange(), !"power-law-flops".equals(fit.form()));
        check(outside, "D", point[1], fit.tokensRange(), !"power-law-flops".equals(fit.form()));
        check(outside, "C", point[2], fit.flopsRange(), true);
        String note = outside.isEmpty() ? null
                : String.join(", ", outside) + " outside the fitted runs (C is " + String.format("%.3g", ratio)
                + "× the largest); the law is extrapolated and the band may understate the error.";
        return new Prediction.Extrapolation(!outside.isEmpty(), ratio, note);
    }

    private static void check(List<String> outside, String name, double value, dev.scaleplan.fitting.Range range,
                              boolean applies) {
        if (applies && (value < range.min() || value > range.max())) {
            outside.add(name + " = " + String.format("%.3g", value) + " is");
        }
    }

    private static Band band(String band) {
        if (band == null || band.equals("confidence")) {
            return Band.CONFIDENCE;
        }
        if (band.equals("prediction")) {
            return Band.PREDICTION;
        }
        throw ApiException.invalidParameter("band", "must be confidence or prediction");
    }

    /** N, D or C of a question: at least 1 (no subnormal inputs, whose predictions overflow) and at most 1e40. */
    private static double positive(String name, double value) {
        if (!(value >= 1 && value <= 1e40)) {
            throw ApiException.invalidParameter(name, "must be a number between 1 and 1e40");
        }
        return value;
    }

    /** No non-finite number leaves the service: a law that overflows at this point is a 422, not "Infinity". */
    private static dev.scaleplan.fitting.Estimate finite(dev.scaleplan.fitting.Estimate loss, double[] point) {
        if (!(Double.isFinite(loss.estimate()) && Double.isFinite(loss.lower()) && Double.isFinite(loss.upper()))) {
            throw new ApiException(ProblemType.UNPROCESSABLE, String.format("The fitted law gives no finite loss at "
                    + "N = %.3g, D = %.3g; ask for a point nearer the fitted runs", point[0], point[1]));
        }
        return loss;
    }

    private FitResponse toResponse(FitRepository.StoredFit stored, long currentRevision) {
        Fit fit = stored.fit();
        FitResponse.Holdout holdout = fit.holdout() == null ? null : new FitResponse.Holdout(
                fit.holdout().runsHeldOut(), fit.holdout().flopsThreshold(), fit.holdout().rmseLogLoss(),
                fit.holdout().meanAbsoluteRelativeError());
        FitRequest request = stored.request();
        return new FitResponse(stored.id(), stored.projectId(), fit.form(), estimates(fit.parameters()),
                estimates(fit.derived()), fit.objective(), fit.objectiveType().name().toLowerCase(), fit.huberDelta(),
                fit.confidenceLevel(), fit.runsUsed(),
                new FitResponse.ObservedRanges(range(fit.parametersRange()), range(fit.tokensRange()),
                        range(fit.flopsRange())),
                new FitResponse.GoodnessOfFit(fit.rmseLogLoss(), fit.aic(), fit.bic(), fit.residualStd()), holdout,
                new FitResponse.Bootstrap(Objects.requireNonNullElse(request.bootstrap(), DEFAULT_BOOTSTRAP),
                        fit.bootstrapSize(), fit.seed()),
                request.filter(), stored.dataRevision(), stored.dataRevision() != currentRevision,
                stored.durationMs(), stored.createdAt());
    }

    private static Map<String, FitResponse.Estimate> estimates(Map<String, dev.scaleplan.fitting.Estimate> values) {
        Map<String, FitResponse.Estimate> result = new java.util.LinkedHashMap<>();
        values.forEach((name, e) -> result.put(name, new FitResponse.Estimate(e.estimate(), e.lower(), e.upper())));
        return result;
    }

    private static FitResponse.Range range(dev.scaleplan.fitting.Range range) {
        return new FitResponse.Range(range.min(), range.max());
    }

}
