package dev.scaleplan.fits;

import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.RoutedScalingLaw;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.runs.Run;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import org.springframework.stereotype.Service;

/**
 * The project's runs under a stored loss fit, page by page: each run's prediction and log residual, and
 * for a moe fit its effective parameter count. The runs are today's runs matching the fit's filter (a
 * stale fit's residuals include runs uploaded after it).
 */
@Service
public class FitResiduals {

    private final FitLookup fits;
    private final FitRepository repository;
    private final RunService runs;

    FitResiduals(FitLookup fits, FitRepository repository, RunService runs) {
        this.fits = fits;
        this.repository = repository;
        this.runs = runs;
    }

    public PageResponse<RunResidual> residuals(String projectId, long fitId, PageRequest page) {
        Fit fit = fits.lossFit(projectId, fitId);
        FitRequest.Filter filter = repository.find(projectId, fitId).orElseThrow().request().filter();
        ScalingLaw law = fit.law();
        boolean routed = fit.isRouted();
        return runs.list(projectId, filter == null ? dev.scaleplan.runs.RunFilter.ALL
                        : new dev.scaleplan.runs.RunFilter(filter.dataset(), filter.tags()), page)
                .map(run -> residual(run, law, routed));
    }

    private static RunResidual residual(Run run, ScalingLaw law, boolean routed) {
        double predicted = routed ? ((RoutedScalingLaw) law).loss(run.parameters(), run.tokens(), run.experts())
                : law.loss(run.parameters(), run.tokens());
        Double effective = routed ? ((RoutedScalingLaw) law).effectiveParameters(run.parameters(), run.experts()) : null;
        return new RunResidual(run.id(), run.externalId(), run.parameters(), run.tokens(), run.experts(),
                run.totalParameters(), run.loss(), routed || run.experts() == 1, predicted,
                Math.log(run.loss()) - Math.log(predicted), effective);
    }
}
