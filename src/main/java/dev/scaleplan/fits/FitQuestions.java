package dev.scaleplan.fits;

import static dev.scaleplan.web.QuantityLimits.questioned;

import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.web.ApiEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.scaleplan.fits.FitLookup.Loaded;
import dev.scaleplan.fitting.Band;
import dev.scaleplan.fitting.Fit;
import dev.scaleplan.fitting.FitLaws;
import dev.scaleplan.fitting.Range;
import dev.scaleplan.fitting.RoutedScalingLaw;
import dev.scaleplan.fitting.ScalingLaw;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.ComputeOptimal;
import dev.scaleplan.planning.Extrapolation;
import dev.scaleplan.planning.FittedRegion;
import dev.scaleplan.planning.PlanOutcome;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Service;

/**
 * Questions asked of a stored fit: the loss at a point or on the compute-optimal frontier, a curve of
 * them, and downstream metrics chained through a predicted loss. Reads only; {@link FitService} makes
 * and loads the fits.
 */
@Service
public class FitQuestions {

    private final FitLookup fits;
    private final MetricChains chains;
    private final Calibrations calibrations;

    FitQuestions(FitLookup fits, MetricChains chains, Calibrations calibrations) {
        this.fits = fits;
        this.chains = chains;
        this.calibrations = calibrations;
    }

    /** The loss at (N, D), or on the compute-optimal frontier at C, with its band. */
    public Prediction predict(String projectId, long fitId, Double parameters, Double tokens, Double flops, String band) {
        return predict(projectId, fitId, parameters, tokens, flops, band, null, List.of());
    }

    /**
     * The loss at (N, D) — of a routed model with {@code experts} experts under a moe fit — or on the
     * compute-optimal frontier at C, with its band, and the asked-for metrics chained through it.
     */
    public Prediction predict(String projectId, long fitId, Double parameters, Double tokens, Double flops, String band,
                              Long experts, List<String> metrics) {
        return predict(projectId, fitId, parameters, tokens, flops, band, experts, metrics, null, null);
    }

    /**
     * As above, for {@code tokens} drawn from {@code uniqueTokens} unique tokens under a data-constrained fit,
     * with the fits of the metrics' chains pinned by {@code metricFits}.
     */
    public Prediction predict(String projectId, long fitId, Double parameters, Double tokens, Double flops, String band,
                              Long experts, List<String> metrics, Double uniqueTokens, List<Long> metricFits) {
        Loaded loaded = fits.load(projectId, fitId);
        Fit fit = FitLookup.lawFit(loaded, projectId, fitId);
        FitLaws laws = loaded.laws();
        BandChoice choice = BandChoice.parse(band);
        long expertCount = experts(fit, experts);
        double[] point;
        if (flops != null) {
            if (parameters != null || tokens != null) {
                throw ApiException.invalidParameter("flops", "give either flops, or parameters and tokens");
            }
            point = frontier(fit, questioned("flops", flops));
        } else {
            if (parameters == null || tokens == null) {
                throw ApiException.invalidParameter(parameters == null ? "parameters" : "tokens",
                        "is required (or give flops for the compute-optimal frontier)");
            }
            double n = questioned("parameters", parameters);
            double d = questioned("tokens", tokens);
            point = new double[] {n, d, fit.flopsPerToken() * n * d};
        }
        RepeatedDataPredictions.Repeated repeated = RepeatedDataPredictions.check(fit, uniqueTokens, flops);
        Extrapolation extrapolation = extrapolation(fit, loaded.region(), point);
        CalibratedBands.Answer answer = CalibratedBands.answer(choice, extrapolation.hasWarning(),
                () -> calibrations.calibration(projectId, fitId, loaded.currentRevision(), true));
        Band kind = answer.bootstrapBand();
        dev.scaleplan.fitting.Estimate bootstrap = finite(repeated == null
                ? laws.predict(point[0], point[1], expertCount, kind)
                : laws.predict(repeated.loss(point[0], point[1]), kind), point);
        dev.scaleplan.fitting.Estimate loss = answer.calibrated()
                ? finite(answer.calibration().band(bootstrap.estimate(), point[2]), point) : bootstrap;
        ApiEstimate effective = null;
        if (fit.isRouted()) {
            double n = point[0];
            effective = estimate(finite(laws.band(law -> ((RoutedScalingLaw) law).effectiveParameters(n, expertCount)),
                    point));
        }
        String target = loaded.stored().request().target();
        MetricChains.OwnLaw own = new MetricChains.OwnLaw(fitId, fit.form(), target,
                repeated == null ? laws.loss(point[0], point[1], expertCount) : bootstrap.estimate(),
                repeated == null ? laws.lossDraws(point[0], point[1], expertCount) : new double[0], fit.residuals(),
                answer.calibrated() ? loss : null);
        Map<String, MetricAnswer> forecasts = chains.answer(new MetricChains.Question(projectId, point[0], point[1],
                point[2], MetricChains.Band.named(answer.name()), fit.confidenceLevel()), metrics, metricFits, own);
        boolean interval = answer.calibrated() || kind == Band.PREDICTION || fit.bootstrapSize() > 0;
        boolean bootstrapInterval = kind == Band.PREDICTION || fit.bootstrapSize() > 0;
        String note = answer.note() != null ? answer.note()
                : interval ? null : FitViews.noIntervalNote(loaded.document());
        return new Prediction(fitId, point[0], point[1], point[2], loss.estimate(),
                interval ? loss.lower() : null, interval ? loss.upper() : null, fit.confidenceLevel(),
                answer.name(), new Prediction.Extrapolation(extrapolation.hasWarning(),
                extrapolation.ratio(), extrapolation.warning()),
                fit.isRouted() ? expertCount : null, effective, forecasts.isEmpty() ? null : forecasts, note,
                answer.calibrated() ? new Prediction.BootstrapBand(kind.name().toLowerCase(java.util.Locale.ROOT),
                        bootstrapInterval ? bootstrap.lower() : null, bootstrapInterval ? bootstrap.upper() : null) : null,
                repeated == null ? null : repeated.uniqueTokens(), repeated == null ? null : repeated.epochs(point[1]),
                target);
    }

    /** The expert count to predict for: 1 unless given; 422 for an expert count under a dense fit. */
    private static long experts(Fit fit, Long experts) {
        if (experts == null) {
            return 1;
        }
        if (experts < 1 || experts > 1_000_000) {
            throw ApiException.invalidParameter("experts", "must be an integer between 1 and 1000000");
        }
        if (!fit.isRouted()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "A " + fit.form() + " law has no experts: this fit is "
                    + "dense; fit the moe form to predict routed models");
        }
        return experts;
    }

    private static ApiEstimate estimate(dev.scaleplan.fitting.Estimate e) {
        return ApiEstimate.of(e);
    }

    /** A log-spaced series of predictions along one axis. */
    public Curve curve(String projectId, long fitId, String axis, Double from, Double to, int points, Double fixed,
                       String band) {
        Loaded loaded = fits.load(projectId, fitId);
        Fit fit = FitLookup.lawFit(loaded, projectId, fitId);
        FitLaws laws = loaded.laws();
        BandChoice choice = BandChoice.parse(band);
        CalibratedBands.Answer answer = CalibratedBands.answer(choice == BandChoice.AUTOMATIC ? BandChoice.CONFIDENCE
                : choice, true, () -> calibrations.calibration(projectId, fitId, loaded.currentRevision(), true));
        Band kind = answer.bootstrapBand();
        if (points < 2 || points > 500) {
            throw ApiException.invalidParameter("points", "must be between 2 and 500");
        }
        Range observed = switch (axis) {
            case "flops" -> fit.ranges().flops();
            case "parameters" -> fit.ranges().parameters();
            case "tokens" -> fit.ranges().tokens();
            default -> throw ApiException.invalidParameter("axis", "must be flops, parameters or tokens");
        };
        double lo = from == null ? observed.min() : questioned("from", from);
        if ("flops".equals(axis) && fit.law().allocatesCompute() && lo < fit.flopsPerToken()) {
            // Below one token of compute there is no allocation: name the parameter the caller sent.
            throw ApiException.invalidParameter("from", "must be at least flopsPerToken (" + fit.flopsPerToken()
                    + ") on the flops axis");
        }
        double hi = to == null ? observed.max() * 100 : questioned("to", to);
        if (!(hi > lo)) {
            throw ApiException.invalidParameter("to", "must be greater than from");
        }
        Double other = switch (axis) {
            case "parameters" -> fixed == null ? fit.ranges().tokens().max() : questioned("fixed", fixed);
            case "tokens" -> fixed == null ? fit.ranges().parameters().max() : questioned("fixed", fixed);
            default -> {
                if (fixed != null) {
                    throw ApiException.invalidParameter("fixed", "applies to axis=parameters or axis=tokens; on the "
                            + "flops axis the compute-optimal allocation sets both N and D");
                }
                yield null;
            }
        };
        boolean bootstrapInterval = kind == Band.PREDICTION || fit.bootstrapSize() > 0;
        boolean interval = answer.calibrated() || bootstrapInterval;
        List<Curve.Point> series = new ArrayList<>(points);
        for (double x : LogSpacing.points(lo, hi, points)) {
            double[] point = switch (axis) {
                case "flops" -> frontier(fit, x);
                case "parameters" -> new double[] {x, other};
                default -> new double[] {other, x};
            };
            dev.scaleplan.fitting.Estimate bootstrap = finite(laws.predict(point[0], point[1], kind), point);
            double flopsAt = point.length > 2 ? point[2] : fit.flopsPerToken() * point[0] * point[1];
            dev.scaleplan.fitting.Estimate loss = answer.calibrated()
                    ? finite(answer.calibration().band(bootstrap.estimate(), flopsAt), point) : bootstrap;
            series.add(new Curve.Point(x, loss.estimate(), interval ? loss.lower() : null,
                    interval ? loss.upper() : null, answer.calibrated() && bootstrapInterval
                    ? new Curve.Bounds(bootstrap.lower(), bootstrap.upper()) : null));
        }
        return new Curve(fitId, axis, other, answer.name(), fit.confidenceLevel(), series, answer.note(),
                loaded.stored().request().target());
    }

    /** N, D and C of the compute-optimal allocation of C under the best fit. */
    private static double[] frontier(Fit fit, double flops) {
        ScalingLaw law = fit.law();
        double k = fit.flopsPerToken();
        if (!law.allocatesCompute()) {
            if (!FitForms.inComputeOnly(fit.form())) {
                throw new ApiException(ProblemType.UNPROCESSABLE, "A " + fit.form()
                        + " law does not depend on compute; ask for parameters and tokens instead");
            }
            return new double[] {flops / k, 1, flops};
        }
        if (flops < k) {
            throw ApiException.invalidParameter("flops", "must be at least flopsPerToken (" + k + ")");
        }
        PlanOutcome<Allocation> outcome = ComputeOptimal.allocation(law, flops, k);
        if (!outcome.isPlanned()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, outcome.reason());
        }
        Allocation allocation = outcome.orElseThrow();
        return new double[] {allocation.parameters(), allocation.tokens(), allocation.flops()};
    }

    /** The same definition and sentence as a plan's (see {@link Extrapolation#at}). */
    private static Extrapolation extrapolation(Fit fit, FittedRegion region, double[] point) {
        boolean inCompute = FitForms.inComputeOnly(fit.form());
        return Extrapolation.at(inCompute ? Double.NaN : point[0], inCompute ? Double.NaN : point[1], point[2], region);
    }

    /** No non-finite number leaves the service: a law that overflows at this point is a 422, not "Infinity". */
    private static dev.scaleplan.fitting.Estimate finite(dev.scaleplan.fitting.Estimate loss, double[] point) {
        if (!(Double.isFinite(loss.estimate()) && Double.isFinite(loss.lower()) && Double.isFinite(loss.upper()))) {
            throw new ApiException(ProblemType.UNPROCESSABLE, String.format("The fitted law gives no finite loss at "
                    + "N = %.3g, D = %.3g; ask for a point nearer the fitted runs", point[0], point[1]));
        }
        return loss;
    }
}
