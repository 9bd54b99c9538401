package dev.scaleplan.crosscheck;

import java.time.Duration;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.scaleplan.fits.FittingProperties;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitData;
import dev.scaleplan.fitting.FitFailure;
import dev.scaleplan.fitting.FitMonitor;
import dev.scaleplan.fitting.FitOptions;
import dev.scaleplan.fitting.FitOutcome;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.Objective;
import dev.scaleplan.fitting.ScalingLawFitter;
import dev.scaleplan.projects.Project;
import dev.scaleplan.runs.RunFilter;
import dev.scaleplan.runs.RunPoints;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Component;

/**
 * The per-dataset fits a comparison needs, computed with the default fit options and kept aside in
 * memory, keyed by project, data revision, dataset and form: never stored as the project's fits, so
 * a comparison (a GET) changes no other answer — not {@code /fits/latest}, not a plan without
 * {@code fitId}. Concurrent comparisons needing the same fit wait for one computation.
 */
@Component
class DatasetFits {

    /** Options of {@code POST /fits} without options, less the held-out refit a comparison does not show. */
    static final int BOOTSTRAP = 200;
    static final double CONFIDENCE_LEVEL = 0.9;
    static final long SEED = 42;

    /** One dataset's fit, or why it could not be made. */
    record Fitted(Fit fit, String reason) {
    }

    private record Key(String projectId, long dataRevision, String dataset, String form) {
    }

    private final RunService runs;
    private final FittingProperties fitting;
    private final ScalingLawFitter fitter = new ScalingLawFitter();
    private final Cache<Key, Fitted> fitted = Caffeine.newBuilder().maximumSize(512)
            .expireAfterAccess(Duration.ofHours(1)).build();

    DatasetFits(RunService runs, FittingProperties fitting) {
        this.runs = runs;
        this.fitting = fitting;
    }

    /** Whether the fit is at hand, so that the comparison needs no compute slot for it. */
    boolean isKept(Project project, String dataset, String form) {
        return fitted.getIfPresent(key(project, dataset, form)) != null;
    }

    /** The dataset's fit, computed now if not kept; stops (and keeps nothing) when {@code monitor} says so. */
    Fitted fit(Project project, String dataset, String form, FitMonitor monitor) {
        return fitted.get(key(project, dataset, form), key -> compute(project, dataset, form, monitor));
    }

    private static Key key(Project project, String dataset, String form) {
        return new Key(project.id(), project.dataRevision(), dataset, form);
    }

    private Fitted compute(Project project, String dataset, String form, FitMonitor monitor) {
        RunFilter filter = new RunFilter(dataset, Map.of());
        long count = runs.count(project.id(), filter);
        if (count > fitting.maxRuns()) {
            return new Fitted(null, "Dataset '" + dataset + "' has " + count + " runs; a fit may use at most "
                    + fitting.maxRuns() + ".");
        }
        RunPoints points = runs.points(project.id(), filter).dense();
        FitOptions options = new FitOptions(Objective.HUBER, FitOptions.DEFAULT_HUBER_DELTA, BOOTSTRAP,
                CONFIDENCE_LEVEL, SEED, 0, project.flopsPerToken());
        FitOutcome outcome = fitter.fit(LawForms.require(form), new FitData(points.parameters(), points.tokens(),
                points.flops(), points.loss(), points.experts()), options, monitor);
        if (outcome instanceof FitFailure failure) {
            if (failure.reason() == FitFailure.Reason.CANCELLED || failure.reason() == FitFailure.Reason.TIME_BUDGET_EXCEEDED) {
                throw new ApiException(ProblemType.FIT_FAILED, "The comparison did not finish within the time budget ("
                        + fitting.timeBudget().toSeconds() + " s, scaleplan.fitting.time-budget); compare fewer "
                        + "datasets with datasets=", java.util.List.of(), Map.of("reason", "time-budget-exceeded"));
            }
            return new Fitted(null, failure.message());
        }
        return new Fitted((Fit) outcome, null);
    }
}
