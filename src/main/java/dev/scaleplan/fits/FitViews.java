package dev.scaleplan.fits;

import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.web.ApiEstimate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.Range;
import dev.scaleplan.projects.Project;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Service;
import java.util.Optional;

/** Stored fits as clients read them: one, the latest of a form, or a page; never their draws or residuals. */
@Service
public class FitViews {

    private static final String NO_DRAWS_REQUESTED =
            "No bootstrap refits were requested (bootstrap: 0), so there are no intervals: lower and upper are null.";
    private static final String NO_DRAWS_CONVERGED =
            "No bootstrap refit converged, so there are no intervals: lower and upper are null.";

    private final ProjectService projects;
    private final FitRepository fits;
    private final IsoFlopFits isoflops;

    FitViews(ProjectService projects, FitRepository fits, IsoFlopFits isoflops) {
        this.projects = projects;
        this.fits = fits;
        this.isoflops = isoflops;
    }

    public FitResponse get(String projectId, long fitId) {
        Project project = projects.get(projectId);
        return toResponse(fits.findSummary(projectId, fitId).orElseThrow(() -> ApiException.notFound("Fit", fitId)),
                project.dataRevision());
    }

    public FitResponse latest(String projectId, String form) {
        Project project = projects.get(projectId);
        String wanted = form == null ? FitForms.DEFAULT : form;
        if (!FitForms.isKnown(wanted)) {
            throw ApiException.invalidParameter("form", "unknown form '" + wanted + "'");
        }
        return fits.latestSummary(projectId, wanted).map(fit -> toResponse(fit, project.dataRevision()))
                .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                        "Project '" + projectId + "' has no " + wanted + " fit yet"));
    }

    /** The id of the project's newest fit of each of {@code forms} that has one (the project is not looked up). */
    public Map<String, Long> latestIds(String projectId, List<String> forms) {
        return fits.latestIds(projectId, forms);
    }

    /** A fit of the project without looking the project up; {@code stale} is not checked and reads false. */
    public Optional<FitResponse> getUnchecked(String projectId, long fitId) {
        return fits.findSummary(projectId, fitId).map(fit -> toResponse(fit, fit.dataRevision()));
    }

    /** The project's newest fit of {@code form}, if any (the project must exist). */
    public Optional<FitResponse> latestIfAny(String projectId, String form) {
        Project project = projects.get(projectId);
        return fits.latestSummary(projectId, form).map(fit -> toResponse(fit, project.dataRevision()));
    }

    /** Newest first, from summaries: a list never reads a fit's draws or residuals. */
    public PageResponse<FitResponse> list(String projectId, PageRequest page) {
        Project project = projects.get(projectId);
        return PageResponse.of(fits.page(projectId, page.offset(), page.size()).stream()
                .map(fit -> toResponse(fit, project.dataRevision())).toList(), page, fits.count(projectId));
    }

    static String noIntervalNote(FitDocument document) {
        Integer requested = document.resamples().bootstrapRequested();
        return requested != null && requested == 0 ? NO_DRAWS_REQUESTED : NO_DRAWS_CONVERGED;
    }

    /** A stored fit of any kind as clients see it; {@code stale} compares it with {@code currentRevision}. */
    FitResponse toResponse(StoredFit stored, long currentRevision) {
        return stored.match(law -> toResponse(law, currentRevision),
                isoflop -> isoflops.toResponse(isoflop, currentRevision),
                downstream -> DownstreamFits.response(downstream, currentRevision));
    }

    private static FitResponse toResponse(StoredFit.LawFit stored, long currentRevision) {
        FitDocument fit = stored.document();
        FitDocument.Check h = fit.holdout();
        FitResponse.Holdout holdout = h == null ? null : new FitResponse.Holdout(h.runsHeldOut(), h.flopsThreshold(),
                h.rmseLogLoss(), h.meanAbsoluteRelativeError());
        boolean intervals = fit.bootstrapSize() > 0;
        FitRequest request = stored.request();
        return new FitResponse(stored.id(), stored.projectId(), fit.form(), estimates(fit.parameters(), intervals),
                estimates(fit.derived(), intervals),
                new FitResponse.Optimum(fit.objective(), fit.objectiveType().toLowerCase(), fit.huberDelta()),
                fit.confidenceLevel(), new FitResponse.FittedRuns(fit.runsUsed(),
                new FitResponse.ObservedRanges(range(fit.spans().parametersRange()), range(fit.spans().tokensRange()),
                        range(fit.spans().flopsRange())), request.filter(), stored.dataRevision(),
                stored.dataRevision() != currentRevision),
                new FitResponse.GoodnessOfFit(fit.quality().rmseLogLoss(), fit.quality().aic(), fit.quality().bic(),
                        fit.quality().residualStd()), holdout,
                FitResponse.Bootstrap.of(Objects.requireNonNullElse(fit.resamples().bootstrapRequested(),
                        FitSettings.DEFAULT_BOOTSTRAP),
                        fit.bootstrapSize(), fit.resamples().seed(), intervals ? null : noIntervalNote(fit), fit.method()),
                stored.durationMs(), fit.warningsOrEmpty(), stored.createdAt(), null, null, request.target());
    }

    private static Map<String, ApiEstimate> estimates(Map<String, Estimate> values,
                                                               boolean intervals) {
        Map<String, ApiEstimate> result = new LinkedHashMap<>();
        values.forEach((name, e) -> result.put(name, new ApiEstimate(e.estimate(),
                intervals ? e.lower() : null, intervals ? e.upper() : null)));
        return result;
    }

    private static FitResponse.Range range(FitDocument.Span range) {
        return new FitResponse.Range(range.min(), range.max());
    }
}
