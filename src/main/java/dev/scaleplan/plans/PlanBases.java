package dev.scaleplan.plans;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.scaleplan.crosscheck.AgreementService;
import dev.scaleplan.crosscheck.AgreementService.NoteFits;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.projects.ProjectService.CurrentRevision;
import org.springframework.stereotype.Component;

/**
 * What a plan rests on besides its fit, as this replica last read it per project: the project's data revision
 * and creation (which the counted runs and the fit's staleness follow) and the fits of the disagreement note.
 * The plan's INSERT checks that they still hold ({@link PlanRepository#insert}), so a plan costs one statement
 * while nothing changed; when something did, on this replica or another, the INSERT stores nothing and the plan
 * is made again from a fresh read.
 */
@Component
class PlanBases {

    /** A few hundred bytes each. */
    private static final int PROJECTS_KEPT = 4096;

    record Basis(CurrentRevision revision, NoteFits noteFits) {
    }

    private final ProjectService projects;
    private final AgreementService agreement;
    private final Cache<String, Basis> known = Caffeine.newBuilder().maximumSize(PROJECTS_KEPT).build();

    PlanBases(ProjectService projects, AgreementService agreement) {
        this.projects = projects;
        this.agreement = agreement;
    }

    /** The basis last read for the project, or null. */
    Basis known(String projectId) {
        return known.getIfPresent(projectId);
    }

    /** The basis as it is now (two queries), kept for the next plan; a 404 without the project. */
    Basis read(String projectId) {
        Basis basis = new Basis(projects.currentRevision(projectId), agreement.noteFits(projectId));
        known.put(projectId, basis);
        return basis;
    }
}
