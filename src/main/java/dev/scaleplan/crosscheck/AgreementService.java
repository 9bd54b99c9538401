package dev.scaleplan.crosscheck;

import dev.scaleplan.web.ApiEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.scaleplan.fits.FitForms;
import dev.scaleplan.fits.FitResponse;
import dev.scaleplan.fits.FitLookup;
import dev.scaleplan.fits.FitViews;
import dev.scaleplan.fits.PlanningFit;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.PlanIntervals;
import dev.scaleplan.planning.PlanOutcome;
import dev.scaleplan.planning.PlanStrategy;
import dev.scaleplan.planning.Planner;
import dev.scaleplan.planning.UncertainPlan;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Service;

/**
 * Puts a project's latest IsoFLOP analysis (Hoffmann et al. 2022, Approach 2) beside its latest
 * Chinchilla fit (Approach 3): the exponents with their bootstrap intervals, whether they overlap,
 * and what each allocates at a budget.
 */
@Service
public class AgreementService {

    static final String APPROACH_2 = FitForms.ISOFLOP;
    static final String APPROACH_3 = FitForms.DEFAULT;

    /** One short note (or none) per project's latest pair of fits. */
    private static final int NOTES_KEPT = 1024;

    private final ProjectService projects;
    private final FitLookup fits;
    private final FitViews views;
    private final AgreementPlans plans;
    private final Cache<NotePair, Optional<String>> notes = Caffeine.newBuilder().maximumSize(NOTES_KEPT).build();

    private record NotePair(String projectId, long isoflopFitId, long chinchillaFitId) {
    }

    AgreementService(ProjectService projects, FitLookup fits, FitViews views, AgreementPlans plans) {
        this.views = views;
        this.projects = projects;
        this.fits = fits;
        this.plans = plans;
    }

    public Agreement agreement(String projectId, Double flops) {
        double flopsPerToken = projects.flopsPerToken(projectId);
        Optional<FitResponse> isoflop = views.latestIfAny(projectId, APPROACH_2);
        Optional<FitResponse> chinchilla = views.latestIfAny(projectId, APPROACH_3);
        if (isoflop.isEmpty() || chinchilla.isEmpty()) {
            throw missing(projectId, isoflop.isEmpty(), chinchilla.isEmpty());
        }
        Agreement.Method approach2 = method(isoflop.get(), isoflop.get().parameters());
        Agreement.Method approach3 = method(chinchilla.get(), chinchilla.get().derived());
        double budget = flops != null ? checkedFlops(flops, flopsPerToken)
                : Math.max(isoflop.get().fittedRuns().observedRanges().flops().max(),
                chinchilla.get().fittedRuns().observedRanges().flops().max());
        Boolean overlap = overlap(approach2, approach3);
        Agreement.Plans planned = new Agreement.Plans(plans.plan(projectId, approach2.fitId(), budget, flopsPerToken),
                plans.plan(projectId, approach3.fitId(), budget, flopsPerToken));
        boolean agree = AgreementPlans.agree(planned);
        return new Agreement(projectId, approach2, approach3,
                new Agreement.Difference(approach2.a().estimate() - approach3.a().estimate(),
                        approach2.b().estimate() - approach3.b().estimate()),
                overlap, AgreementPlans.verdict(planned, budget, agree) + " " + note(approach2, approach3, overlap),
                new Agreement.Budget(budget, allocation(projectId, approach2.fitId(), budget, flopsPerToken),
                        allocation(projectId, approach3.fitId(), budget, flopsPerToken)), planned, agree);
    }

    /**
     * The fits a plan's disagreement note is worked out from: the project's newest IsoFLOP analysis and
     * Chinchilla fit, either absent. A plan's INSERT checks them ({@code latest_fit_id} in V44) against the
     * forms named here.
     */
    public record NoteFits(Long isoflopFitId, Long chinchillaFitId) {
        public static final String ISOFLOP_FORM = APPROACH_2;
        public static final String CHINCHILLA_FORM = APPROACH_3;
    }

    /** The project's {@link NoteFits} as they are now (one query; the project is not looked up). */
    public NoteFits noteFits(String projectId) {
        Map<String, Long> latest = views.latestIds(projectId, List.of(APPROACH_2, APPROACH_3));
        return new NoteFits(latest.get(APPROACH_2), latest.get(APPROACH_3));
    }

    /**
     * One line for a plan when the project's two methods disagree beyond their intervals; empty when
     * they agree or either is missing. On the plan path, so without the project lookup (and staleness).
     */
    public Optional<String> disagreementNote(String projectId, NoteFits fits) {
        Long isoflopId = fits.isoflopFitId();
        Long chinchillaId = fits.chinchillaFitId();
        if (isoflopId == null || chinchillaId == null) {
            return Optional.empty();
        }
        // Stored fits never change, so the note of a pair is worked out once per replica.
        return notes.get(new NotePair(projectId, isoflopId, chinchillaId), pair -> disagreementNote(projectId,
                views.getUnchecked(projectId, isoflopId), views.getUnchecked(projectId, chinchillaId)));
    }

    private static Optional<String> disagreementNote(String projectId, Optional<FitResponse> isoflop,
                                                     Optional<FitResponse> chinchilla) {
        if (isoflop.isEmpty() || chinchilla.isEmpty()) {
            return Optional.empty();
        }
        Agreement.Method approach2 = method(isoflop.get(), isoflop.get().parameters());
        Agreement.Method approach3 = method(chinchilla.get(), chinchilla.get().derived());
        if (!Boolean.FALSE.equals(overlap(approach2, approach3))) {
            return Optional.empty();
        }
        return Optional.of(note(approach2, approach3, false) + " See GET /api/v1/projects/" + projectId
                + "/agreement.");
    }

    private static Agreement.Method method(FitResponse fit, Map<String, ApiEstimate> exponents) {
        return new Agreement.Method(fit.id(), estimate(exponents.get("a")), estimate(exponents.get("b")),
                fit.fittedRuns().stale());
    }

    private static ApiEstimate estimate(ApiEstimate estimate) {
        if (estimate == null) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The fit has no exponent a or b to compare");
        }
        return estimate;
    }

    /** Whether both exponents' intervals overlap; null when a fit has no intervals (bootstrap 0) to judge by. */
    static Boolean overlap(Agreement.Method approach2, Agreement.Method approach3) {
        if (!(hasInterval(approach2.a()) && hasInterval(approach2.b()) && hasInterval(approach3.a())
                && hasInterval(approach3.b()))) {
            return null;
        }
        return overlaps(approach2.a(), approach3.a()) && overlaps(approach2.b(), approach3.b());
    }

    private static boolean hasInterval(ApiEstimate estimate) {
        return estimate.lower() != null && estimate.upper() != null;
    }

    static boolean overlaps(ApiEstimate x, ApiEstimate y) {
        return x.lower() <= y.upper() && y.lower() <= x.upper();
    }

    static String note(Agreement.Method approach2, Agreement.Method approach3, Boolean overlap) {
        String figures = "a = " + figure(approach2.a()) + " (isoflop fit " + approach2.fitId() + ") vs "
                + figure(approach3.a()) + " (chinchilla fit " + approach3.fitId() + ")";
        String verdict;
        if (overlap == null) {
            verdict = "Approach 2 (IsoFLOP) and Approach 3 (parametric fit) cannot be judged against each other: "
                    + figures + "; a fit without bootstrap draws has no intervals, refit with bootstrap to compare.";
        } else if (overlap) {
            verdict = "The exponent intervals of Approach 2 (IsoFLOP) and Approach 3 (parametric fit) overlap: " + figures + ".";
        } else {
            String more = approach2.a().estimate() > approach3.a().estimate() ? "parameters" : "tokens";
            verdict = "Approach 2 (IsoFLOP) and Approach 3 (parametric fit) disagree beyond their exponent intervals: " + figures
                    + "; the IsoFLOP analysis puts more of extra compute into " + more + ".";
        }
        List<String> stale = new ArrayList<>();
        if (approach2.stale()) {
            stale.add("isoflop fit " + approach2.fitId());
        }
        if (approach3.stale()) {
            stale.add("chinchilla fit " + approach3.fitId());
        }
        return stale.isEmpty() ? verdict
                : verdict + " Runs changed since " + String.join(" and ", stale) + "; refit to compare current data.";
    }

    private static String figure(ApiEstimate estimate) {
        return hasInterval(estimate)
                ? String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", estimate.estimate(), estimate.lower(), estimate.upper())
                : String.format(Locale.ROOT, "%.3f (no interval)", estimate.estimate());
    }

    private Agreement.Allocation allocation(String projectId, long fitId, double flops, double flopsPerToken) {
        PlanningFit fit = fits.planningFit(projectId, fitId);
        Planner planner = new Planner(fit.law(), fit.draws(), fit.confidenceLevel());
        PlanOutcome<UncertainPlan<Allocation>> outcome = planner.plan(PlanStrategy.computeOptimal(flops, flopsPerToken));
        if (!outcome.isPlanned()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, outcome.reason());
        }
        UncertainPlan<Allocation> plan = outcome.orElseThrow();
        Allocation best = plan.plan();
        PlanIntervals intervals = plan.intervals().orElse(null);
        return new Agreement.Allocation(
                intervals == null ? exact(best.parameters())
                        : new ApiEstimate(best.parameters(), intervals.parameters().lower(), intervals.parameters().upper()),
                intervals == null ? exact(best.tokens())
                        : new ApiEstimate(best.tokens(), intervals.tokens().lower(), intervals.tokens().upper()),
                best.tokensPerParameter(),
                intervals == null ? exact(best.loss())
                        : new ApiEstimate(best.loss(), intervals.loss().lower(), intervals.loss().upper()));
    }

    /** A value without an interval: the fit has no bootstrap draws. */
    private static ApiEstimate exact(double value) {
        return new ApiEstimate(value, null, null);
    }

    private static double checkedFlops(double flops, double flopsPerToken) {
        if (!(Double.isFinite(flops) && flops >= flopsPerToken && flops <= 1e40)) {
            throw ApiException.invalidParameter("flops", "must be a finite number between flopsPerToken ("
                    + flopsPerToken + ") and 1e40");
        }
        return flops;
    }

    private static ApiException missing(String projectId, boolean isoflop, boolean chinchilla) {
        List<String> missing = new ArrayList<>();
        List<String> how = new ArrayList<>();
        if (isoflop) {
            missing.add(APPROACH_2);
            how.add("an isoflop fit (POST /api/v1/projects/" + projectId + "/fits with {\"form\": \"isoflop\"}; it "
                    + "needs at least 3 compute budgets of 5 or more runs each, tagged budget=… or of equal FLOPs "
                    + "within 10%)");
        }
        if (chinchilla) {
            missing.add(APPROACH_3);
            how.add("a chinchilla fit (POST /api/v1/projects/" + projectId + "/fits with {\"form\": \"chinchilla\"})");
        }
        return new ApiException(ProblemType.NOT_FOUND, "Project '" + projectId + "' has no " + String.join(" and no ",
                missing) + " fit yet, so there is nothing to compare. Make " + String.join(" and ", how) + ".",
                List.of(), Map.of("missing", missing));
    }
}
