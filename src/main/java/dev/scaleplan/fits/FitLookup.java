package dev.scaleplan.fits;

import dev.scaleplan.fitting.RoutedScalingLaw;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitLaws;
import dev.scaleplan.planning.MoePlanner;
import dev.scaleplan.planning.FittedRegion;
import dev.scaleplan.projects.Project;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.runs.RunFilter;
import dev.scaleplan.runs.RunPoints;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Service;
import java.util.List;
import java.util.Optional;

/**
 * Finds stored fits for the questions asked of them: checked against PostgreSQL on every call, parsed at
 * most once per replica, and adapted for planning (the given fit, else the latest, else one fitted now).
 */
@Service
public class FitLookup {

    private final ProjectService projects;
    private final RunService runs;
    private final FitRepository fits;
    private final IsoFlopFits isoflops;
    private final FirstFits firstFits;
    private final FitCache cache;

    FitLookup(ProjectService projects, RunService runs, FitRepository fits, IsoFlopFits isoflops, FirstFits firstFits,
              CacheManager caches) {
        this.projects = projects;
        this.runs = runs;
        this.fits = fits;
        this.isoflops = isoflops;
        this.firstFits = firstFits;
        this.cache = new FitCache(caches);
    }

    /**
     * The fit a plan uses: the given one, else the project's latest chinchilla fit, fitted now with
     * default options when there is none ({@link FirstFits}: the request is parked meanwhile, and asked
     * again once the fit is stored). A fit that is not in PostgreSQL is a 404.
     */
    public PlanningFit planningFit(String projectId, Long fitId) {
        return planningFit(projectId, fitId, null);
    }

    /**
     * As {@link #planningFit(String, Long)}, with the project's revision the caller has just read (so that a
     * plan reads it once); null reads it.
     */
    public PlanningFit planningFit(String projectId, Long fitId, ProjectService.CurrentRevision revision) {
        Loaded loaded;
        if (fitId != null) {
            loaded = load(projectId, fitId, revision != null ? revision : projects.currentRevision(projectId));
        } else {
            Project project = projects.get(projectId);
            StoredFit stored = fits.latest(projectId, FitForms.DEFAULT).orElseThrow(() -> {
                if (runs.count(projectId, RunFilter.ALL) == 0) {
                    return new ApiException(ProblemType.UNPROCESSABLE,
                            "Project '" + projectId + "' has no runs to fit; upload runs first");
                }
                return firstFits.pending(project);
            });
            FitCache.Entry entry = cache.get(projectId, stored.id()).orElseGet(() -> {
                FitCache.Entry parsed = FitCache.Entry.of(stored, project.createdAt());
                cache.put(parsed);
                return parsed;
            });
            loaded = new Loaded(entry.stored(), entry.fit(), entry.laws(), project.dataRevision());
        }
        Loaded chosen = loaded;
        return loaded.stored().match(law -> {
            Fit fit = chosen.fit();
            if (fit.isRouted()) {
                throw ApiException.invalidField("fitId", "fit " + law.id() + " is a moe fit, which has no data term to "
                        + "split compute by; give a dense fit as fitId and the moe fit as moeFitId");
            }
            return new PlanningFit(law.id(), fit.form(), chosen.laws().best(), chosen.laws().draws(),
                    fit.confidenceLevel(), chosen.region(), law.dataRevision(), chosen.currentRevision(),
                    law.staleAt(chosen.currentRevision()), law.document().warningsOrEmpty(), law.request().target(),
                    shapeParametersAtBound(fit));
        }, isoflop -> isoflops.planningFit(isoflop, chosen.currentRevision()),
                downstream -> {
                    throw notALossLaw(downstream, projectId);
                });
    }

    /**
     * The moe fit MoE plan options use (the given one, else the project's latest), with the share of
     * active parameters replicated per expert estimated from its routed runs: 422 when there is none.
     */
    public MoePlanningFit moePlanningFit(String projectId, Long moeFitId) {
        long id = moeFitId != null ? moeFitId : latestId(projectId, FitForms.MOE).orElseThrow(() ->
                new ApiException(ProblemType.UNPROCESSABLE, "Project '" + projectId + "' has no moe fit, and its "
                        + "plans' dense fits cannot say what experts do; fit the moe form first (POST /projects/"
                        + projectId + "/fits {\"form\": \"moe\"})"));
        Loaded loaded = load(projectId, id);
        StoredFit stored = loaded.stored();
        if (loaded.fit() == null || !loaded.fit().isRouted()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + stored.id() + " is "
                    + stored.form()
                    + ": this fit is not a moe fit; fit the moe form");
        }
        Fit fit = loaded.fit();
        RunPoints points = runs.points(projectId, stored.request().runFilter());
        return new MoePlanningFit(stored.id(), (RoutedScalingLaw) loaded.laws().best(),
                loaded.laws().draws().stream().map(RoutedScalingLaw.class::cast).toList(), fit.confidenceLevel(),
                MoePlanner.expertShare(points.parameters(), points.totalParameters(), points.experts()));
    }

    /** The id of the project's newest fit of {@code form}, if any (the project is not looked up). */
    public Optional<Long> latestId(String projectId, String form) {
        return Optional.ofNullable(fits.latestIds(projectId, List.of(form)).get(form));
    }

    /** E and the exponents at a bound of their domain in a law fit (none for an IsoFLOP analysis or a downstream fit). */
    private static List<String> shapeParametersAtBound(Fit fit) {
        return fit == null ? List.of()
                : dev.scaleplan.fitting.FitDiagnostics.shapeParametersAtBound(fit.lawForm(), fit.estimate());
    }

    /** The irreducible loss E of a chinchilla fit. */
    public record IrreducibleLoss(long fitId, double loss) {
    }

    /** E of the project's latest chinchilla fit, if it has one: a floor other forms' plans are compared with. */
    public Optional<IrreducibleLoss> chinchillaIrreducibleLoss(String projectId) {
        return fits.latestSummary(projectId, FitForms.DEFAULT)
                .flatMap(stored -> stored.match(
                        law -> Optional.of(new IrreducibleLoss(law.id(),
                                law.document().parameters().get("E").estimate())),
                        isoflop -> Optional.empty(), downstream -> Optional.empty()));
    }

    /** A stored fit with its parsed form (null for an IsoFLOP analysis or a downstream fit) and its project's current data revision. */
    record Loaded(StoredFit stored, Fit fit, FitLaws laws, long currentRevision) {

        /** The law fit's document; null for an IsoFLOP analysis or a downstream fit. */
        FitDocument document() {
            return stored.match(StoredFit.LawFit::document, isoflop -> null, downstream -> null);
        }

        FittedRegion region() {
            return FitLookup.region(document());
        }
    }

    /** The loss law of a stored fit: a 422 for an IsoFLOP analysis or a downstream fit. */
    Fit lossFit(String projectId, long fitId) {
        return lawFit(load(projectId, fitId), projectId, fitId);
    }

    /** A law fit; an IsoFLOP analysis has no law of N and D to predict with, so it is a 422 here. */
    static Fit lawFit(Loaded loaded, String projectId, long fitId) {
        return loaded.stored().match(law -> loaded.fit(), isoflop -> {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + fitId + " is an isoflop analysis, which gives "
                    + "the compute-optimal frontier only: plan with it (POST /api/v1/projects/" + projectId
                    + "/plans with its fitId), or compare it with a chinchilla fit (GET /api/v1/projects/" + projectId
                    + "/agreement)");
        }, downstream -> {
            throw notALossLaw(downstream, projectId);
        });
    }

    private static ApiException notALossLaw(StoredFit.Downstream downstream, String projectId) {
        String metric = downstream.request().metric();
        return new ApiException(ProblemType.UNPROCESSABLE, "Fit " + downstream.id() + " is a downstream fit of metric '"
                + metric + "'; predict with a loss fit and metrics=" + metric);
    }

    /**
     * The fit, checked against PostgreSQL on every call and parsed at most once per replica: one primary-key
     * query, begun after the call (concurrent calls of a project share it), reads the project's revision and
     * creation instant; the fit itself is read only the first time it
     * is asked for in this project (fits are deleted only with their project). So a fit of a deleted project
     * is a 404 on every replica at once, also after the project was re-created under the same id.
     */
    Loaded load(String projectId, long fitId) {
        return load(projectId, fitId, projects.currentRevision(projectId));
    }

    private Loaded load(String projectId, long fitId, ProjectService.CurrentRevision project) {
        Optional<FitCache.Entry> cached = cache.get(projectId, fitId);
        FitCache.Entry entry;
        if (cached.isPresent() && project.projectCreatedAt().equals(cached.get().seenIn())) {
            entry = cached.get();
        } else if (cached.isPresent()) {
            if (!fits.exists(projectId, fitId)) {
                cache.evict(fitId);
                throw ApiException.notFound("Fit", fitId);
            }
            entry = cached.get().seenIn(project.projectCreatedAt());
            cache.put(entry);
        } else {
            StoredFit stored = fits.find(projectId, fitId).orElseThrow(() -> ApiException.notFound("Fit", fitId));
            entry = FitCache.Entry.of(stored, project.projectCreatedAt());
            cache.put(entry);
        }
        return new Loaded(entry.stored(), entry.fit(), entry.laws(), project.dataRevision());
    }

    /** The runs a stored fit was fitted on, as planning sees them. */
    static FittedRegion region(FitDocument document) {
        FitDocument.Spans spans = document.spans();
        return new FittedRegion(FitDocument.range(spans.parametersRange()), FitDocument.range(spans.tokensRange()),
                FitDocument.range(spans.flopsRange()), FitDocument.range(spans.tokensPerParameterRange()),
                document.lowestLoss());
    }

    /** The project's runs a filter selects, as the fit reads them (for drawing them beside the fit). */
    public RunPoints points(String projectId, RunFilter filter) {
        return runs.points(projectId, filter);
    }
}
