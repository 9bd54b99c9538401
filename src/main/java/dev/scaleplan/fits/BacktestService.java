package dev.scaleplan.fits;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.scaleplan.fitting.Backtest;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitData;
import dev.scaleplan.fitting.FitMonitor;
import dev.scaleplan.fitting.FitOptions;
import dev.scaleplan.fitting.IsoFlopAnalyser;
import dev.scaleplan.fitting.IsoFlopAnalysis;
import dev.scaleplan.fitting.IsoFlopData;
import dev.scaleplan.fitting.IsoFlopOptions;
import dev.scaleplan.fitting.LawBacktest;
import dev.scaleplan.fitting.LawForm;
import dev.scaleplan.fitting.LawForms;
import dev.scaleplan.fitting.ScalingLawFitter;
import dev.scaleplan.projects.CountingConventions;
import dev.scaleplan.projects.Project;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.runs.RunFilter;
import dev.scaleplan.runs.RunQuantity;
import dev.scaleplan.runs.RunService;
import dev.scaleplan.runs.TaggedPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Backtests a stored fit: the same form and options, refitted (with {@link #REFIT_DRAWS} bootstrap draws
 * for a law fit) on the runs below several compute cut-offs and scored on the runs above. Computed once
 * per fit and runs, admitted by {@link BacktestGate}, and stored; plans quote the stored result in their
 * extrapolation warning and calibrated bands come from it.
 */
@Service
public class BacktestService {

    private static final Logger log = LoggerFactory.getLogger(BacktestService.class);

    private final ProjectService projects;
    private final FitLookup fits;
    private final RunService runs;
    private final BacktestRepository backtests;
    private final FitSlots slots;
    private final int maxRuns;
    private final TargetRuns.Reader targets;
    /** Bootstrap draws of each cut-off's refit, enough to say how often its bands held. */
    static final int REFIT_DRAWS = 40;

    private final ScalingLawFitter fitter = new ScalingLawFitter();
    private final IsoFlopAnalyser analyser = new IsoFlopAnalyser();

    /** The points of a fit's backtest of the runs at {@code revision}. */
    private record CurrentPoints(long revision, Evidence evidence) {
    }

    private final Cache<Long, CurrentPoints> currentPoints = Caffeine.newBuilder().maximumSize(2_000).build();

    BacktestService(ProjectService projects, FitLookup fits, RunService runs, BacktestRepository backtests,
                    FitSlots slots, FittingProperties fitting, TargetRuns.Reader targets) {
        this.targets = targets;
        this.maxRuns = fitting.maxRuns();
        this.projects = projects;
        this.fits = fits;
        this.runs = runs;
        this.backtests = backtests;
        this.slots = slots;
    }

    /** A stored backtest as clients see it at {@code flops}: the budget only shapes the report, not the refits. */
    BacktestResponse report(String projectId, long fitId, StoredBacktest stored, Double flops) {
        return BacktestReports.report(stored, Calibrations.calibration(fits.load(projectId, fitId), stored), flops);
    }

    /** A 400 for a budget the report would refuse, before anything is computed. */
    void checkBudget(String projectId, long fitId, Double flops) {
        if (flops != null) {
            FitLookup.Loaded loaded = fits.load(projectId, fitId);
            IsoFlopAnalysis analysis = backtestable(loaded.stored(), fitId);
            BacktestReports.checkedFlops(flops, analysis != null ? analysis.law().flopsPerToken()
                    : loaded.fit().flopsPerToken());
        }
    }

    /** The stored backtest when it is of the project's current data; checks that the fit can be backtested. */
    Optional<StoredBacktest> current(String projectId, long fitId) {
        Project project = projects.get(projectId);
        backtestable(fits.load(projectId, fitId).stored(), fitId);
        return backtests.find(fitId).filter(kept -> kept.dataRevision() == project.dataRevision());
    }

    /** The fit's IsoFLOP analysis, null for a law fit; a downstream fit predicts no loss to backtest. */
    private static IsoFlopAnalysis backtestable(StoredFit stored, long fitId) {
        return stored.match(law -> null, StoredFit.IsoFlop::analysis, downstream -> {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + fitId + " is a downstream fit of metric '"
                    + stored.request().metric() + "', which predicts no loss to backtest; backtest a loss fit");
        });
    }

    /**
     * The stored backtest of a fit for the project's current runs: kept, re-stamped when the runs it refits
     * did not change, else made now (under a fitting slot), stopping when {@code monitor} says so
     * ({@link BacktestGate} admits it).
     */
    StoredBacktest stored(String projectId, long fitId, FitMonitor monitor) {
        Project project = projects.get(projectId);
        FitLookup.Loaded loaded = fits.load(projectId, fitId);
        StoredFit stored = loaded.stored();
        IsoFlopAnalysis analysis = backtestable(stored, fitId);
        Optional<StoredBacktest> kept = backtests.find(fitId);
        if (kept.isPresent() && kept.get().dataRevision() == project.dataRevision()) {
            return kept.get();
        }
        // A law fit of a target (a task's loss) is backtested on that target, on the runs that carry it.
        RunFilter filter = stored.request().runFilter();
        RunQuantity target = targets.quantity(projectId, stored.request());
        TaggedPoints all = CountedRuns.tagged(CountingConventions.of(project), runs.points(projectId, filter, target),
                runs.taggedPoints(projectId, filter, IsoFlopFits.BUDGET_TAG, target));
        // The runs the fit itself used: dense runs for dense laws and IsoFLOP analyses, all runs for moe.
        TaggedPoints points = analysis == null && loaded.fit().isRouted() ? all : all.dense();
        String fingerprint = BacktestGate.fingerprint(points);
        if (kept.isPresent() && fingerprint.equals(backtests.fingerprint(fitId).orElse(null))) {
            return backtests.revise(kept.get(), project.dataRevision()); // uploads elsewhere in the project
        }
        BacktestGate.checkRunCount(points.size(), maxRuns);
        long started = System.nanoTime();
        List<Backtest.Point> result = slots.run(() -> analysis != null
                ? isoflop(analysis, stored.request(), points, monitor)
                : law(loaded.fit(), stored.request(), points, monitor));
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        log.info("Backtest of fit {} (project {}): {} points in {} ms", fitId, projectId, result.size(), durationMs);
        double flopsPerToken = analysis != null ? analysis.law().flopsPerToken() : loaded.fit().flopsPerToken();
        return backtests.save(new StoredBacktest(fitId, stored.form(), project.dataRevision(), points.size(),
                flopsPerToken, result, durationMs, Instant.now()), fingerprint);
    }

    /** This fit's stored backtest, if one was made (a plan does not start one on this path). */
    Optional<StoredBacktest> kept(long fitId) {
        return backtests.find(fitId);
    }

    /**
     * What this fit's stored backtest says about an extrapolation of {@code ratio}; empty when the fit
     * has not been backtested (a plan does not start a backtest). A backtest of the project's current runs
     * ({@code currentRevision}) is replaced only when they change, so its points are read from PostgreSQL
     * once per replica and revision, not on every plan; an older one is read each time (a newer may come).
     */
    public Optional<String> evidence(long fitId, long currentRevision, double ratio) {
        CurrentPoints kept = currentPoints.getIfPresent(fitId);
        Evidence evidence;
        if (kept != null && kept.revision() == currentRevision) {
            evidence = kept.evidence();
        } else {
            Optional<StoredBacktest> stored = backtests.find(fitId);
            evidence = new Evidence(stored.map(StoredBacktest::points).orElse(List.of()));
            Evidence read = evidence;
            stored.filter(b -> b.dataRevision() == currentRevision)
                    .ifPresent(b -> currentPoints.put(fitId, new CurrentPoints(currentRevision, read)));
        }
        return evidence.points.isEmpty() ? Optional.empty() : Optional.of(evidence.sentence(ratio));
    }

    /**
     * The backtest point nearest the ratio (on a log scale), in words: the error of its furthest run
     * first (the honest figure for an extrapolation that far), then the largest and the mean.
     */
    static String sentence(List<Backtest.Point> points, double ratio) {
        return new Evidence(points).sentence(ratio);
    }

    /**
     * A backtest's points with each one's words written once: plans quote the nearest on every request, and
     * formatting the figures cost more than the rest of the sentence's work.
     */
    private static final class Evidence {

        private final List<Backtest.Point> points;
        private final List<String> said;
        private final double furthest;

        Evidence(List<Backtest.Point> points) {
            this.points = List.copyOf(points);
            this.said = points.stream().map(point -> String.format(Locale.ROOT, "On this project a %s extrapolation "
                            + "(fitted below %.3g FLOPs, %d runs predicted) missed its furthest run by %.1f%% (%.1f%% at "
                            + "most, %.1f%% on average)", times(point.extrapolationRatio()), point.cutoffFlops(),
                    point.runsPredicted(), 100 * point.furthestRelativeError(), 100 * point.maxRelativeError(),
                    100 * point.meanRelativeError())).toList();
            this.furthest = points.stream().mapToDouble(Backtest.Point::extrapolationRatio).max().orElse(0);
        }

        String sentence(double ratio) {
            int nearest = 0;
            for (int i = 1; i < points.size(); i++) {
                if (logDistance(points.get(i), ratio) < logDistance(points.get(nearest), ratio)) {
                    nearest = i;
                }
            }
            String beyond = ratio > 2 * furthest ? "; " + times(ratio) + " is further than any backtest reaches" : "";
            return said.get(nearest) + beyond + ".";
        }

        private static double logDistance(Backtest.Point point, double ratio) {
            return Math.abs(Math.log(point.extrapolationRatio()) - Math.log(ratio));
        }
    }

    static String times(double ratio) {
        return ratio < 100 ? String.format(Locale.ROOT, "%.1f×", ratio) : String.format(Locale.ROOT, "%,.0f×", ratio);
    }

    private List<Backtest.Point> law(Fit fit, FitRequest request, TaggedPoints points, FitMonitor monitor) {
        if (points.size() == 0) {
            return List.of();
        }
        LawForm form = LawForms.require(fit.form());
        FitSettings settings = FitSettings.of(request);
        FitOptions options = new FitOptions(settings.objective(), settings.huberDelta(), 0, fit.confidenceLevel(),
                fit.seed(), 0, fit.flopsPerToken());
        FitData data = new FitData(points.parameters(), points.tokens(), points.flops(), points.loss(), points.experts(),
                points.uniqueTokens());
        BacktestGate.Watched watched = new BacktestGate.Watched(monitor);
        List<Backtest.Point> result = new LawBacktest(fitter).run(form, data, options, REFIT_DRAWS, watched);
        watched.throwIfStopped();
        return result;
    }

    /** Cut-offs just below each budget from the fourth on, so that every refit can have three budgets. */
    private List<Backtest.Point> isoflop(IsoFlopAnalysis analysis, FitRequest request, TaggedPoints points,
                                         FitMonitor monitor) {
        IsoFlopData data = IsoFlopFits.data(points);
        IsoFlopOptions options = IsoFlopFits.options(request, analysis.law().flopsPerToken()).withBootstrap(0);
        double[] cutoffs = analysis.budgets().stream().skip(3)
                .mapToDouble(budget -> budget.flops() / (1 + analysis.tolerance())).toArray();
        return Backtest.run(data.asFitData(), cutoffs, indices -> analyser.analyse(data.select(BacktestGate.checked(
                monitor, indices)), options) instanceof IsoFlopAnalysis refit ? Optional.of(new Backtest.Refitted(
                refit.law(), BacktestLaws.parameters(refit.law()), new double[0][], null)) : Optional.empty());
    }
}
