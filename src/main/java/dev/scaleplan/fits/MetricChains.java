package dev.scaleplan.fits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.scaleplan.fitting.DownstreamFit;
import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitLaws;
import dev.scaleplan.planning.ChainedForecast;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.Names;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Service;

/**
 * Asked-for metrics answered through their chains (Bhagia et al. 2024's two steps): the metric's
 * downstream fit, then a law fit whose {@code target} is that fit's predictor ({@code from}), or the
 * asker's own law when it fits that predictor (the loss, usually). Each step is the latest such fit
 * unless {@code metricFits} pins one; {@link ChainedForecast} propagates both steps' uncertainty.
 */
@Service
public class MetricChains {

    static final int MAX_METRICS = 16;

    private final FitLookup fits;
    private final FitRepository repository;
    private final DownstreamFits downstream;
    private final Calibrations calibrations;

    MetricChains(FitLookup fits, FitRepository repository, DownstreamFits downstream, Calibrations calibrations) {
        this.fits = fits;
        this.repository = repository;
        this.downstream = downstream;
        this.calibrations = calibrations;
    }

    /** The band an answer carries; the chain gives the same kind for every metric. */
    public enum Band {
        CONFIDENCE, PREDICTION, CALIBRATED;

        /** By the name an answer gives its band: confidence, prediction or calibrated. */
        public static Band named(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * The asker's own law at the point, step 1 of chains whose predictor it fits.
     *
     * @param target       what it fits ({@code null}: the loss)
     * @param best         its best prediction there
     * @param draws        its bootstrap laws' predictions there
     * @param logResiduals its fitted runs' log residuals (for a prediction band; may be empty)
     * @param calibrated   its calibrated band there, when the answer is calibrated
     */
    public record OwnLaw(long fitId, String form, String target, double best, double[] draws, double[] logResiduals,
                         Estimate calibrated) {
    }

    /** Where and how to answer. */
    public record Question(String projectId, double parameters, double tokens, double flops, Band band,
                           double confidenceLevel) {
    }

    /**
     * Each metric through its chain: 404 for a metric no run has (nor an aggregate), 422 naming the missing
     * fit when a link is missing, or a pinned fit that is not of a chain asked for.
     */
    public Map<String, MetricAnswer> answer(Question question, List<String> metrics, List<Long> pins, OwnLaw own) {
        if (metrics == null || metrics.isEmpty()) {
            if (pins != null && !pins.isEmpty()) {
                throw ApiException.invalidParameter("metricFits", "pins fits of the chains of metrics; ask for metrics");
            }
            return Map.of();
        }
        if (metrics.size() > MAX_METRICS) {
            throw ApiException.invalidParameter("metrics", "at most " + MAX_METRICS + " metrics");
        }
        if (!metrics.stream().allMatch(Names::valid)) {
            throw ApiException.invalidParameter("metrics", "each " + Names.NOT_A_METRIC);
        }
        Pins pinned = pins(question.projectId(), pins);
        Map<String, MetricAnswer> answers = new LinkedHashMap<>();
        for (String metric : new LinkedHashSet<>(metrics)) {
            answers.put(metric, answer(question, metric, pinned, own));
        }
        pinned.unused().ifPresent(id -> {
            throw ApiException.invalidParameter("metricFits", "fit " + id + " is in the chain of no asked-for metric");
        });
        return answers;
    }

    private MetricAnswer answer(Question question, String metric, Pins pins, OwnLaw own) {
        StoredFit.Downstream step2 = pins.downstream(metric)
                .orElseGet(() -> downstream.latestStored(question.projectId(), metric));
        String from = step2.request().from();
        List<MetricAnswer.Link> chain = new ArrayList<>();
        chain.add(MetricAnswer.Link.downstream(step2.id(), metric, from));
        Step step1;
        Optional<Long> pinnedLaw = from == null ? Optional.empty() : pins.law(from);
        if (Objects.equals(from, own.target()) && pinnedLaw.map(id -> id == own.fitId()).orElse(true)) {
            chain.add(MetricAnswer.Link.law(own.fitId(), own.form(), own.target()));
            step1 = ownStep(question, own);
        } else if (from == null) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The downstream fit " + step2.id() + " of '" + metric
                    + "' predicts it from the loss, but fit " + own.fitId() + " fits '" + own.target()
                    + "'; ask a fit of the loss for metric " + metric, List.of(), Map.of("metric", metric));
        } else {
            long lawId = pinnedLaw.orElseGet(() -> repository.latestTargetFitId(question.projectId(), from)
                    .orElseThrow(() -> missingLaw(question.projectId(), metric, step2.id(), from)));
            FitLookup.Loaded loaded = fits.load(question.projectId(), lawId);
            chain.add(MetricAnswer.Link.law(lawId, loaded.stored().form(), from));
            step1 = lawStep(question, loaded, lawId, from);
        }
        DownstreamFit fit = step2.fit();
        ChainedForecast.Metric step2Law = new ChainedForecast.Metric(fit.law(), fit.drawLaws(),
                question.band() == Band.CONFIDENCE ? 0 : fit.residualScale());
        Estimate estimate = ChainedForecast.forecast(step1.predictor(), step2Law, question.confidenceLevel(), fit.seed());
        if (!(Double.isFinite(estimate.estimate()) && Double.isFinite(estimate.lower())
                && Double.isFinite(estimate.upper()))) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The chain of '" + metric + "' gives no finite value "
                    + "here; ask for a point nearer the fitted runs", List.of(), Map.of("metric", metric));
        }
        return MetricAnswer.of(estimate, chain, step1.note());
    }

    /**
     * The fits of a metric's chain, for planning to reach it.
     *
     * @param downstreamFitId its downstream fit
     * @param downstream      that fit
     * @param from            its predictor ({@code null}: the loss)
     * @param lawFitId        the law fit of the predictor; {@code null} for the loss (the plan's own fit)
     */
    public record TargetChain(long downstreamFitId, DownstreamFit downstream, String from, Long lawFitId) {

        /** The chain's links, from the metric back to N and D, with {@code lawFitId} the law planned with. */
        public List<MetricAnswer.Link> links(String metric, long lawFitId, String lawForm) {
            return List.of(MetricAnswer.Link.downstream(downstreamFitId, metric, from),
                    MetricAnswer.Link.law(lawFitId, lawForm, from));
        }
    }

    /** The chain of {@code metric}, each step pinned or the latest; 422 naming a missing fit. */
    public TargetChain targetChain(String projectId, String metric, List<Long> pins) {
        Pins pinned = pins(projectId, pins);
        StoredFit.Downstream step2 = pinned.downstream(metric).orElseGet(() -> downstream.latestStored(projectId, metric));
        String from = step2.request().from();
        Long lawId = from == null ? null : pinned.law(from).orElseGet(() -> repository.latestTargetFitId(projectId, from)
                .orElseThrow(() -> missingLaw(projectId, metric, step2.id(), from)));
        pinned.unused().ifPresent(id -> {
            throw ApiException.invalidParameter("metricFits", "fit " + id + " is not in the chain of " + metric);
        });
        return new TargetChain(step2.id(), step2.fit(), from, lawId);
    }

    /** Step 1's predictor samples, and why it carries another band than asked, if it does. */
    private record Step(ChainedForecast.Predictor predictor, String note) {
    }

    private static Step ownStep(Question question, OwnLaw own) {
        return switch (question.band()) {
            case CONFIDENCE -> new Step(ChainedForecast.Predictor.confidence(own.best(), own.draws()), null);
            case PREDICTION -> new Step(ChainedForecast.Predictor.prediction(own.best(), own.draws(),
                    own.logResiduals()), null);
            case CALIBRATED -> new Step(ChainedForecast.Predictor.calibrated(own.best(), own.calibrated().lower(),
                    own.calibrated().upper(), question.confidenceLevel()), null);
        };
    }

    private Step lawStep(Question question, FitLookup.Loaded loaded, long lawId, String target) {
        Fit fit = FitLookup.lawFit(loaded, question.projectId(), lawId);
        FitLaws laws = loaded.laws();
        double n = question.parameters();
        double d = question.tokens();
        double best = laws.loss(n, d, 1);
        double[] draws = laws.lossDraws(n, d, 1);
        if (!(best > 0) || !Double.isFinite(best)) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + lawId + " (target " + target + ") gives no "
                    + "finite value here; ask for a point nearer the fitted runs", List.of(), Map.of("fitId", lawId));
        }
        if (question.band() == Band.CONFIDENCE) {
            return new Step(ChainedForecast.Predictor.confidence(best, draws), null);
        }
        ChainedForecast.Predictor prediction = ChainedForecast.Predictor.prediction(best, draws, fit.residuals());
        if (question.band() == Band.PREDICTION) {
            return new Step(prediction, null);
        }
        Optional<Calibrations.Calibration> calibration = calibrations.calibration(question.projectId(), lawId,
                loaded.currentRevision(), true);
        if (calibration.isPresent() && calibration.get().calibrated()) {
            Estimate band = calibration.get().band(best, question.flops());
            return new Step(ChainedForecast.Predictor.calibrated(best, band.lower(), band.upper(),
                    question.confidenceLevel()), null);
        }
        String why = calibration.map(Calibrations.Calibration::missingReason).orElse("the fit has no backtest");
        return new Step(prediction, "Fit " + lawId + " (target " + target + ") has no calibrated band: " + why
                + "; its step carries the bootstrap prediction band.");
    }

    private static ApiException missingLaw(String projectId, String metric, long downstreamId, String from) {
        return new ApiException(ProblemType.UNPROCESSABLE, "The downstream fit " + downstreamId + " of '" + metric
                + "' predicts it from '" + from + "', and no law fit has target '" + from + "'; fit one with POST "
                + "/api/v1/projects/" + projectId + "/fits {\"form\": \"chinchilla\", \"target\": \"" + from + "\"}",
                List.of(), Map.of("metric", metric, "missing", from));
    }

    /** The fits {@code metricFits} pins, by what they fit; each must be used by some chain. */
    private Pins pins(String projectId, List<Long> ids) {
        Map<String, StoredFit.Downstream> downstreams = new LinkedHashMap<>();
        Map<String, Long> laws = new LinkedHashMap<>();
        for (Long id : ids == null ? List.<Long>of() : ids) {
            if (id == null || id < 1) {
                throw ApiException.invalidParameter("metricFits", "must be fit ids");
            }
            StoredFit stored = fits.load(projectId, id).stored();
            String clash = stored.match(law -> {
                String target = law.request().target();
                if (target == null) {
                    throw ApiException.invalidParameter("metricFits", "fit " + id + " is a " + law.form() + " fit of the "
                            + "loss; pin downstream fits and law fits of a target here, and the loss law with fitId");
                }
                return laws.put(target, id) == null ? null : "law fits of target '" + target + "'";
            }, isoflop -> {
                throw ApiException.invalidParameter("metricFits", "fit " + id + " is an isoflop analysis; pin "
                        + "downstream fits and law fits of a target here");
            }, down -> downstreams.put(down.request().metric(), down) == null ? null
                    : "downstream fits of '" + down.request().metric() + "'");
            if (clash != null) {
                throw ApiException.invalidParameter("metricFits", "pins two " + clash + "; pin one");
            }
        }
        return new Pins(downstreams, laws, new LinkedHashSet<>());
    }

    /** Pinned fits, and which of them a chain used. */
    private record Pins(Map<String, StoredFit.Downstream> downstreams, Map<String, Long> laws, Set<Long> used) {

        Optional<StoredFit.Downstream> downstream(String metric) {
            Optional<StoredFit.Downstream> pinned = Optional.ofNullable(downstreams.get(metric));
            pinned.ifPresent(fit -> used.add(fit.id()));
            return pinned;
        }

        Optional<Long> law(String target) {
            Optional<Long> pinned = Optional.ofNullable(laws.get(target));
            pinned.ifPresent(used::add);
            return pinned;
        }

        Optional<Long> unused() {
            return downstreams.values().stream().map(StoredFit::id).filter(id -> !used.contains(id)).findFirst()
                    .or(() -> laws.values().stream().filter(id -> !used.contains(id)).findFirst());
        }
    }
}
