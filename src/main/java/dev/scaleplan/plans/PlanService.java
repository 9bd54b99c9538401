package dev.scaleplan.plans;

import dev.scaleplan.web.ApiEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.scaleplan.fits.FitForms;
import dev.scaleplan.crosscheck.AgreementService;
import dev.scaleplan.fits.BacktestService;
import dev.scaleplan.fits.MetricChains;
import dev.scaleplan.fits.FitLookup;
import dev.scaleplan.fits.MoePlanningFit;
import dev.scaleplan.fits.PlanningFit;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.Coverage;
import dev.scaleplan.planning.Plausibility;
import dev.scaleplan.planning.DataConstrainedPlan;
import dev.scaleplan.planning.Extrapolation;
import dev.scaleplan.planning.InferenceAwarePlan;
import dev.scaleplan.planning.PlanIntervals;
import dev.scaleplan.planning.PlanOutcome;
import dev.scaleplan.planning.PlanResult;
import dev.scaleplan.planning.PlanStrategy;
import dev.scaleplan.planning.Planner;
import dev.scaleplan.planning.UncertainPlan;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.PageRequest;
import dev.scaleplan.web.PageResponse;
import dev.scaleplan.web.ProblemError;
import dev.scaleplan.web.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Answers planning questions from a stored fit and keeps the answers. */
@Service
public class PlanService {

    private static final Logger log = LoggerFactory.getLogger(PlanService.class);

    /** The last stores without checking its basis: two fresh reads outrun by writes are enough. */
    private static final int ATTEMPTS = 3;

    private final ProjectService projects;
    private final FitLookup fits;
    private final PlanRepository plans;
    private final MeterRegistry meters;
    private final PlanExtras extras;
    private final BacktestService backtests;
    private final AgreementService agreement;
    private final CountedPlans countedPlans;
    private final PlanBands bands;
    private final TargetMetricPlans targetMetrics;
    private final PlanBases bases;

    PlanService(ProjectService projects, FitLookup fits, MetricChains chains, PlanRepository plans,
                MeterRegistry meters, BacktestService backtests, AgreementService agreement, PlanBands bands,
                TargetMetricPlans targetMetrics, CountedPlans countedPlans, PlanBases bases) {
        this.bases = bases;
        this.bands = bands;
        this.targetMetrics = targetMetrics;
        this.countedPlans = countedPlans;
        this.backtests = backtests;
        this.agreement = agreement;
        this.projects = projects;
        this.fits = fits;
        this.extras = new PlanExtras(chains);
        this.plans = plans;
        this.meters = meters;
    }

    /**
     * Makes and stores a plan. It is made from the project's basis as this replica last read it
     * ({@link PlanBases}) and stored only if that basis still holds; otherwise (or when a kept basis led to a
     * 4xx) it is made again from a fresh read. The last attempt stores without the check, as a plan made
     * from a read an instant old always was.
     */
    public PlanResponse create(String projectId, PlanRequest request) {
        try {
            PlanBases.Basis basis = bases.known(projectId);
            boolean fresh = basis == null;
            for (int attempt = 1; ; attempt++) {
                if (basis == null) {
                    basis = bases.read(projectId);
                }
                Optional<PlanResponse> stored;
                try {
                    stored = make(projectId, request, basis, attempt < ATTEMPTS);
                } catch (ApiException e) {
                    if (fresh) {
                        throw e;
                    }
                    stored = Optional.empty();
                }
                if (stored.isPresent()) {
                    Plan plan = stored.get().plan();
                    made(request.objective());
                    log.info("Plan {} for project {}: {} with fit {}, N={} D={}", stored.get().id(), projectId,
                            request.objective(), plan.fitId(), plan.allocation().parameters(), plan.allocation().tokens());
                    return stored.get();
                }
                basis = null;
                fresh = true;
            }
        } catch (ApiException e) {
            rejected(request.objective(), e.type() == ProblemType.UNREACHABLE ? "unreachable" : "invalid");
            throw e;
        }
    }

    /** Makes the plan on {@code basis} and stores it, if {@code checked} only while the basis holds. */
    private Optional<PlanResponse> make(String projectId, PlanRequest request, PlanBases.Basis basis, boolean checked) {
        CountedPlan counted = countedPlans.of(projectId, basis.revision());
        PlanHardware hardware = PlanHardware.of(request.budget());
        TargetMetricPlans.Target target = targetMetrics.resolve(projectId, request, counted.compute());
        PlanQuestion question = PlanQuestion.of(request, hardware == null ? null : hardware.flops(), counted.compute(),
                target == null ? null : target.neededLoss());
        if (request.moeFitId() != null && (request.experts() == null || request.experts().isEmpty())) {
            throw invalid("moeFitId", "applies when experts are asked for");
        }
        // The moe fit is looked up first, so that a missing one fails before a dense fit is made.
        MoePlanningFit moeFit = request.experts() == null || request.experts().isEmpty() ? null
                : fits.moePlanningFit(projectId, request.moeFitId());
        PlanningFit fit = target != null ? target.fit()
                : fits.planningFit(projectId, RepeatedDataPlans.fitId(fits, projectId, request), counted.revision());
        Planner planner = new Planner(fit.law(), fit.draws(), fit.confidenceLevel());
        Plan plan = answer(projectId, request, question, planner, fit, moeFit, hardware, counted, target,
                agreement.disagreementNote(projectId, basis.noteFits()).orElse(null));
        return plans.insert(projectId, fit.id(), request, plan, checked ? basis : null);
    }

    public PlanResponse get(String projectId, long planId) {
        projects.requireExists(projectId);
        return plans.find(projectId, planId).orElseThrow(() -> ApiException.notFound("Plan", planId));
    }

    public PageResponse<PlanResponse> list(String projectId, PageRequest page) {
        projects.requireExists(projectId);
        return PageResponse.of(plans.page(projectId, page.offset(), page.size()), page, plans.count(projectId));
    }

    private Plan answer(String projectId, PlanRequest request, PlanQuestion question, Planner planner,
                         PlanningFit fit, MoePlanningFit moeFit, PlanHardware hardware, CountedPlan counted,
                         TargetMetricPlans.Target targetMetric, String disagreementNote) {
        String target = fit.target();
        UncertainPlan<? extends PlanResult> uncertain = solve(planner, question.strategy());
        String constrainedBy = null;
        if (request.maxParameters() != null && uncertain.plan().allocation().parameters() > request.maxParameters()) {
            uncertain = solve(planner, question.capped(request.maxParameters()));
            constrainedBy = "maxParameters";
        }
        Allocation allocation = uncertain.plan().allocation();
        PlanIntervals intervals = uncertain.intervals().orElse(null);
        String degenerate = DegeneratePlanRefusal.check(request, fit, allocation, fit.shapeAtBound());
        boolean capped = constrainedBy != null;
        Plausibility.refusal(allocation, intervals == null ? Double.NaN : intervals.loss().upper(), planner.bestFit(),
                fit.region()).ifPresent(reason -> {
                    String remedy = capped
                            ? ". maxParameters holds the model far below what this budget calls for; raise it or lower "
                            + "the budget."
                            : request.objective().startsWith("fixed-")
                            ? ". Choose a model size or token count closer to the fitted runs."
                            : ". The fit is likely degenerate"
                            + (fit.warnings().isEmpty() ? "" : " (" + String.join(" ", fit.warnings()) + ")")
                            + "; refit on runs that vary N and D more widely.";
                    throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + fit.id() + " gives no sensible "
                            + request.objective() + " plan: " + reason + remedy, List.of(), Map.of("fitId", fit.id()));
                });
        boolean allocationChosen = constrainedBy == null && !request.objective().startsWith("fixed-");
        PlanBands.Answer band = bands.answer(projectId, request.band(), fit, allocation, intervals, allocationChosen);
        PlanResponse.BootstrapIntervals bootstrap = band.bootstrap() == null ? null
                : new PlanResponse.BootstrapIntervals(PlanBands.loss(allocation, band.bootstrap()),
                PlanBands.parametersBounds(band.bootstrap()), PlanBands.tokensBounds(band.bootstrap()));
        intervals = band.intervals();
        ApiEstimate loss = PlanBands.loss(allocation, intervals);
        Extrapolation extrapolation = Extrapolation.at(allocation.parameters(), allocation.tokens(), allocation.flops(),
                fit.region());
        PlanResponse.Hardware hardwareFigures = hardware == null ? null : hardware.figures(allocation.flops());
        List<PlanResponse.AlternativePlan> alternatives = planner.alternatives(allocation.flops(), counted.compute())
                .stream().map(alternative -> PlanResponse.AlternativePlan.of(alternative, fit.region())).toList();
        List<String> warnings = new ArrayList<>(warnings(projectId, fit, allocation, band.bootstrap() == null
                ? intervals : band.bootstrap()));
        warnings.addAll(band.warnings());
        if (degenerate != null) {
            warnings.add(degenerate);
        }
        if (uncertain.plan() instanceof DataConstrainedPlan p) {
            warnings.addAll(RepeatedDataPlans.warnings(p, fit));
        }
        warnings.addAll(PlanConventions.warnings(counted.conventions(), counted.compute(), counted.conversion(),
                allocation.parameters()));
        boolean routed = moeFit != null;
        double bytesPerParameter = PlanExtras.bytesPerParameter(request);
        return new Plan(projectId, fit.id(), fit.form(), request.objective(),
                new Plan.Allocation(allocation.parameters(), allocation.tokens(), allocation.flops(),
                        allocation.tokensPerParameter()),
                new Plan.Uncertainty(loss, PlanBands.parametersBounds(intervals), PlanBands.tokensBounds(intervals),
                        uncertain.confidenceLevel(), new PlanResponse.Draws(uncertain.drawsUsed(), uncertain.drawsTotal()),
                        band.band(), bootstrap),
                Plan.Spend.of(hardwareFigures),
                uncertain.plan() instanceof InferenceAwarePlan p ? PlanResponse.Inference.of(p) : null,
                uncertain.plan() instanceof DataConstrainedPlan p ? RepeatedDataPlans.response(p, fit) : null,
                PlanConventions.of(counted.conventions(), counted.compute(), counted.conversion(),
                        allocation.parameters()),
                constrainedBy, new PlanResponse.Extrapolation(extrapolation.ratio(), withBacktest(extrapolation, fit)),
                alternatives, extras.metrics(projectId, request, fit, target, allocation,
                        PlanBands.CALIBRATED.equals(band.band()) ? intervals.loss() : null),
                routed ? new Plan.Routed(PlanExtras.memory(allocation, bytesPerParameter), moeFit.id(),
                        PlanExtras.MOE_ALLOCATION, extras.moe(projectId, request, moeFit, allocation, bytesPerParameter))
                        : Plan.Routed.NONE,
                fit.stale(), List.copyOf(warnings), disagreementNote,
                targetMetric == null ? null : targetMetric.response(), target);
    }

    /**
     * The plan's cautions: a stale fit, the fit's own warnings, no intervals, an allocation outside the
     * fitted runs' shape, and a loss below the irreducible loss of the project's latest chinchilla fit
     * (a law without E, such as Kaplan's, keeps improving where Chinchilla's says no model can).
     */
    private List<String> warnings(String projectId, PlanningFit fit, Allocation allocation, PlanIntervals intervals) {
        List<String> warnings = new ArrayList<>();
        if (fit.stale()) {
            warnings.add("Fit " + fit.id() + " is stale: the project's runs changed since it was made (data revision "
                    + fit.dataRevision() + ", now " + fit.currentDataRevision() + "); refit to plan on every run.");
        }
        warnings.addAll(fit.warnings());
        if (intervals == null) {
            warnings.add(fit.draws().isEmpty() ? "Fit " + fit.id() + " has no bootstrap draws, so the plan has no"
                    + " intervals." : "No bootstrap draw of fit " + fit.id() + " gave a plan, so it has no intervals.");
        }
        warnings.addAll(Coverage.caveats(allocation, fit.region()));
        // A law of a task's loss (a target) is not compared with the project's loss law.
        if (!FitForms.isDefault(fit.form()) && fit.target() == null) {
            fits.chinchillaIrreducibleLoss(projectId).filter(e -> allocation.loss() < e.loss()).ifPresent(e ->
                    warnings.add(String.format(java.util.Locale.ROOT, "The predicted loss %.4g is below the irreducible"
                            + " loss E = %.4g of this project's latest chinchilla fit (fit %d): the %s law is"
                            + " extrapolated beyond what that fit says any model can reach.", allocation.loss(),
                            e.loss(), e.fitId(), fit.form())));
        }
        return List.copyOf(warnings);
    }

    /** The warning, followed by what this fit's backtest (if one was made) says about such a ratio. */
    private String withBacktest(Extrapolation extrapolation, PlanningFit fit) {
        if (!extrapolation.hasWarning()) {
            return null;
        }
        return backtests.evidence(fit.id(), fit.currentDataRevision(), extrapolation.ratio())
                .map(evidence -> extrapolation.warning() + " " + evidence).orElse(extrapolation.warning());
    }

    private static UncertainPlan<? extends PlanResult> solve(Planner planner, PlanStrategy<? extends PlanResult> strategy) {
        PlanOutcome<? extends UncertainPlan<? extends PlanResult>> outcome = planner.plan(strategy);
        if (outcome instanceof PlanOutcome.CannotAllocate<?> cannot) {
            throw new ApiException(ProblemType.UNPROCESSABLE, cannot.reason() + "; plan with a chinchilla or kaplan fit");
        }
        if (!outcome.isPlanned()) {
            throw new ApiException(ProblemType.UNREACHABLE, outcome.reason());
        }
        return outcome.orElseThrow();
    }

    static <T> T guard(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("The plan request is invalid: " + e.getMessage(), List.of());
        }
    }

    static ApiException invalid(String pointer, String message) {
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        return ApiException.invalid("Invalid value for '" + pointer + "': " + message,
                List.of(new ProblemError("/" + pointer, null, field, message)));
    }

    private void made(String objective) {
        // Not "created": Prometheus reserves the _created suffix (OpenMetrics creation timestamps) and drops it.
        Counter.builder("scaleplan.plans.made").description("Plans made and stored, by objective")
                .tag("objective", objective == null ? "none" : objective).register(meters).increment();
    }

    private void rejected(String objective, String reason) {
        Counter.builder("scaleplan.plans.rejected")
                .description("Plan requests answered with a 4xx, by objective and reason (unreachable, invalid)")
                .tag("objective", objective == null ? "none" : objective).tag("reason", reason)
                .register(meters).increment();
    }
}
