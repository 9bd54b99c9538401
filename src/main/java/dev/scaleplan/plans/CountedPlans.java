package dev.scaleplan.plans;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.scaleplan.fits.FitLookup;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.projects.ProjectService.CurrentRevision;
import dev.scaleplan.runs.RunFilter;
import org.springframework.stereotype.Component;

/**
 * What plans read off a project's runs under its conventions, kept per project and data revision: reading
 * every run again on each plan would cost more than the plan itself. A new upload or a change of conventions
 * moves the revision (and a re-created project its creation instant), so a stale entry is never used.
 */
@Component
class CountedPlans {

    /** Entries hold interpolations over a project's runs; a few hundred projects planned at once is plenty. */
    private static final int PROJECTS_KEPT = 256;

    private record Key(String projectId, CurrentRevision revision) {
    }

    private final ProjectService projects;
    private final FitLookup fits;
    private final Cache<Key, CountedPlan> counted = Caffeine.newBuilder().maximumSize(PROJECTS_KEPT).build();

    CountedPlans(ProjectService projects, FitLookup fits) {
        this.projects = projects;
        this.fits = fits;
    }

    /**
     * The project's counting for plans at {@code revision} (as {@link PlanBases} read it); a 422 naming runs its
     * FLOPs convention cannot count.
     */
    CountedPlan of(String projectId, CurrentRevision revision) {
        // Read off all the project's runs: they describe its architecture family, whatever filter a fit used.
        return counted.get(new Key(projectId, revision), key -> CountedPlan.of(revision, projects.conventions(projectId),
                fits.points(projectId, RunFilter.ALL)));
    }
}
