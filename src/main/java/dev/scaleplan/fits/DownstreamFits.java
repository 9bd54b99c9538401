package dev.scaleplan.fits;

import dev.scaleplan.web.ApiEstimate;
import java.util.List;
import java.util.Map;

import dev.scaleplan.fitting.DownstreamDiagnostics;
import dev.scaleplan.fitting.DownstreamFailure;
import dev.scaleplan.fitting.DownstreamFit;
import dev.scaleplan.fitting.DownstreamFitter;
import dev.scaleplan.fitting.DownstreamOutcome;
import dev.scaleplan.fitting.DownstreamShape;
import dev.scaleplan.projects.Project;
import dev.scaleplan.runs.MetricPoints;
import dev.scaleplan.runs.RunFilter;
import dev.scaleplan.runs.RunQuantity;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Downstream fits: a run metric (or another evaluation set's loss) against the loss, fitted with the
 * {@code fitting} core's {@link DownstreamFitter} and stored beside the loss fits; and the latest such
 * fit of a metric, for predictions and plans that ask for {@code metrics}.
 */
@Component
class DownstreamFits {

    private static final Logger log = LoggerFactory.getLogger(DownstreamFits.class);

    private final RunService runs;
    private final FitRepository fits;
    private final MeterRegistry meters;
    private final DownstreamFitter fitter = new DownstreamFitter();
    private final RunQuantities quantities;

    DownstreamFits(RunService runs, FitRepository fits, MeterRegistry meters, RunQuantities quantities) {
        this.quantities = quantities;
        this.runs = runs;
        this.fits = fits;
        this.meters = meters;
    }

    StoredFit fit(Project project, FitRequest request, RunFilter filter, int bootstrap, double confidence,
                                long seed) {
        if (request.metric() == null) {
            throw ApiException.invalidField("metric", "is required for a downstream fit");
        }
        if (request.shape() == null) {
            throw ApiException.invalidField("shape", "is required for a downstream fit: one of "
                    + DownstreamFitter.shapeIds());
        }
        if (request.loss() != null || request.huberDelta() != null || request.holdout() != null) {
            throw ApiException.invalidField(request.loss() != null ? "loss" : request.huberDelta() != null
                    ? "huberDelta" : "holdout", "applies to loss laws only; a downstream fit uses least squares on the "
                    + "metric and no holdout");
        }
        RunQuantity metric = quantities.resolve(project.id(), request.metric());
        if (metric.isLoss()) {
            throw ApiException.invalidField("metric", "must name a run metric or aggregate, not the loss");
        }
        RunQuantity from = quantities.resolve(project.id(), request.from());
        if (from.name().equals(metric.name())) {
            throw ApiException.invalidField("from", "must differ from metric");
        }
        DownstreamShape shape = DownstreamShape.byId(request.shape()).orElseThrow();
        MetricPoints points = runs.metricPoints(project.id(), filter, from, metric);
        Timer.Sample sample = Timer.start(meters);
        long started = System.nanoTime();
        DownstreamOutcome outcome = fitter.fit(shape, from.isLoss() ? "the loss"
                : "'" + from.name() + "'", points.loss(), points.values(), bootstrap, confidence, seed);
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        sample.stop(Timer.builder("scaleplan.fits.duration").description("Time to fit a law, with bootstrap")
                .tag("form", FitForms.DOWNSTREAM).tag("outcome", outcome instanceof DownstreamFit ? "fitted" : "failed")
                .register(meters));
        if (outcome instanceof DownstreamFailure failure) {
            log.info("Downstream fit of {} for project {} failed: {} ({})", request.metric(), project.id(),
                    failure.reason(), failure.message());
            throw new ApiException(ProblemType.FIT_FAILED, "Metric '" + request.metric() + "': " + failure.message(),
                    List.of(), Map.of("reason", failure.reason().name().toLowerCase().replace('_', '-'),
                    "runs", failure.runs(), "metric", request.metric()));
        }
        DownstreamFit fit = (DownstreamFit) outcome;
        StoredFit stored = fits.insert(new StoredFit.Downstream(
                StoredFit.Header.unsaved(project.id(), project.dataRevision(), durationMs, request), fit));
        log.info("Fitted downstream {} ({}) for project {} on {} runs in {} ms: fit {}", request.metric(), shape.id(),
                project.id(), fit.runsUsed(), durationMs, stored.id());
        return stored;
    }

    /**
     * The latest downstream fit of {@code metric}: 404 naming the project's metrics when no run has it, 422
     * when there is none (saying so when the metric looks like chance level).
     */
    StoredFit.Downstream latestStored(String projectId, String metric) {
        return fits.latestDownstreamFit(projectId, metric).orElseGet(() -> {
            RunQuantity quantity = quantities.resolve(projectId, metric);
            MetricPoints points = runs.metricPoints(projectId, RunFilter.ALL, RunQuantity.LOSS, quantity);
            DownstreamFitter.noRelation("the loss", points.loss(), points.values()).ifPresent(reason -> {
                throw new ApiException(ProblemType.UNPROCESSABLE, "Metric '" + metric + "' has no downstream fit, and "
                        + "no chain can predict it: it looks like chance level, " + reason + " (a downstream fit of it "
                        + "is refused for that reason)", List.of(), Map.of("metric", metric, "reason", "no-relation"));
            });
            throw new ApiException(ProblemType.UNPROCESSABLE, "Metric '" + metric + "' has no downstream fit yet; "
                    + "fit one with POST /projects/" + projectId + "/fits {\"form\": \"downstream\", \"metric\": \""
                    + metric + "\", \"shape\": \"exponential\"}", List.of(), Map.of("metric", metric));
        });
    }

    /** A stored downstream fit as clients see it. */
    static FitResponse response(StoredFit.Downstream stored, long currentRevision) {
        DownstreamFit fit = stored.fit();
        FitRequest request = stored.request();
        String fittedOn = fit.complement() ? "1 - metric (the error of an accuracy, as Gadre et al. model it)" : "metric";
        FitResponse.Downstream diagnostics = new FitResponse.Downstream(fit.higherIsBetter(), fit.bounded(), fittedOn,
                fit.rmse(), fit.rSquared(), fit.spearman(), fit.spearmanPValue(), range(fit.lossRange()),
                range(fit.metricRange()), fit.bootstrapSize());
        int requested = FitSettings.bootstrapOf(request);
        return new FitResponse(stored.id(), stored.projectId(), FitForms.DOWNSTREAM, estimates(fit.parameters()),
                Map.of(), new FitResponse.Optimum(fit.runsUsed() * fit.rmse() * fit.rmse() / 2, "squared", null),
                fit.confidenceLevel(), new FitResponse.FittedRuns(fit.runsUsed(), null, request.filter(),
                stored.dataRevision(), stored.dataRevision() != currentRevision), null, null,
                FitResponse.Bootstrap.refit(requested,
                        fit.bootstrapSize(), fit.seed(), fit.bootstrapSize() > 0 ? null
                        : "No bootstrap refit converged or none was requested, so there are no intervals."),
                stored.durationMs(), DownstreamDiagnostics.warnings(fit, requested), stored.createdAt(), null,
                new FitResponse.DownstreamRelation(request.metric(), fit.shape().id(), diagnostics, request.from()),
                null);
    }

    private static Map<String, ApiEstimate> estimates(Map<String, dev.scaleplan.fitting.Estimate> values) {
        Map<String, ApiEstimate> result = new java.util.LinkedHashMap<>();
        values.forEach((name, e) -> result.put(name, ApiEstimate.of(e)));
        return result;
    }

    private static FitResponse.Range range(dev.scaleplan.fitting.Range range) {
        return new FitResponse.Range(range.min(), range.max());
    }
}
