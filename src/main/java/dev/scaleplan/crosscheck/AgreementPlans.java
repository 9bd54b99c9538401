package dev.scaleplan.crosscheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.scaleplan.fits.Calibrations;
import dev.scaleplan.web.ApiEstimate;
import dev.scaleplan.fits.FitLookup;
import dev.scaleplan.fits.PlanningFit;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.CalibratedPlan;
import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.planning.PlanIntervals;
import dev.scaleplan.planning.PlanOutcome;
import dev.scaleplan.planning.PlanStrategy;
import dev.scaleplan.planning.Planner;
import dev.scaleplan.planning.UncertainPlan;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.springframework.stereotype.Component;

/**
 * The compute-optimal plan each method makes at one budget, with the intervals a plan carries, and
 * whether they agree: each plan's interval must hold the other's estimate of N*, D* and the loss
 * (intervals that merely touch, with the estimates outside each other's, do not agree).
 */
@Component
class AgreementPlans {

    private final FitLookup fits;
    private final Calibrations calibrations;

    AgreementPlans(FitLookup fits, Calibrations calibrations) {
        this.fits = fits;
        this.calibrations = calibrations;
    }

    Agreement.MethodPlan plan(String projectId, long fitId, double flops, double flopsPerToken) {
        PlanningFit fit = fits.planningFit(projectId, fitId);
        PlanOutcome<UncertainPlan<Allocation>> outcome = new Planner(fit.law(), fit.draws(), fit.confidenceLevel())
                .plan(PlanStrategy.computeOptimal(flops, flopsPerToken));
        if (!outcome.isPlanned()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "Fit " + fitId + " gives no plan at " + flops
                    + " FLOPs: " + outcome.reason());
        }
        Allocation best = outcome.orElseThrow().plan();
        Optional<PlanIntervals> bootstrap = outcome.orElseThrow().intervals();
        Optional<Calibrations.Calibration> calibration = calibrations.calibration(projectId, fitId,
                fit.currentDataRevision(), true).filter(Calibrations.Calibration::calibrated);
        String band = calibration.isPresent() ? "calibrated" : "confidence";
        PlanIntervals intervals = calibration.map(c -> CalibratedPlan.intervals(c.error(), c.distance(best.flops()),
                c.drift(best.flops()), best, bootstrap, true)).orElse(bootstrap.orElse(null));
        return new Agreement.MethodPlan(fitId,
                estimate(best.parameters(), intervals == null ? null : intervals.parameters()),
                estimate(best.tokens(), intervals == null ? null : intervals.tokens()),
                estimate(best.loss(), intervals == null ? null : intervals.loss()), band);
    }

    /** Each plan's intervals hold the other's N*, D* and loss. */
    static boolean agree(Agreement.Plans plans) {
        Agreement.MethodPlan x = plans.approach2();
        Agreement.MethodPlan y = plans.approach3();
        return holds(x.parameters(), y.parameters()) && holds(y.parameters(), x.parameters())
                && holds(x.tokens(), y.tokens()) && holds(y.tokens(), x.tokens())
                && holds(x.loss(), y.loss()) && holds(y.loss(), x.loss());
    }

    /** The plans' verdict in words, naming what lies outside the other's interval. */
    static String verdict(Agreement.Plans plans, double flops, boolean agree) {
        Agreement.MethodPlan x = plans.approach2();
        Agreement.MethodPlan y = plans.approach3();
        String at = String.format(Locale.ROOT, "At C = %.3g FLOPs", flops);
        if (!(bounded(x) && bounded(y))) {
            return at + " the two methods' plans cannot be judged against each other: a plan without intervals "
                    + "(a fit without bootstrap draws or calibration) holds no other estimate.";
        }
        if (agree) {
            return at + " the two methods' plans agree: each plan's intervals hold the other's N*, D* and loss.";
        }
        List<String> apart = new ArrayList<>();
        if (!holds(x.parameters(), y.parameters()) || !holds(y.parameters(), x.parameters())) {
            apart.add(String.format(Locale.ROOT, "N* %.3g (isoflop) vs %.3g (chinchilla), %.2f× apart",
                    x.parameters().estimate(), y.parameters().estimate(), factor(x.parameters(), y.parameters())));
        }
        if (!holds(x.tokens(), y.tokens()) || !holds(y.tokens(), x.tokens())) {
            apart.add(String.format(Locale.ROOT, "D* %.3g vs %.3g, %.2f× apart", x.tokens().estimate(),
                    y.tokens().estimate(), factor(x.tokens(), y.tokens())));
        }
        if (!holds(x.loss(), y.loss()) || !holds(y.loss(), x.loss())) {
            apart.add(String.format(Locale.ROOT, "loss %.4f vs %.4f", x.loss().estimate(), y.loss().estimate()));
        }
        return at + " the two methods' plans disagree: " + String.join("; ", apart)
                + ", outside each other's intervals.";
    }

    /** False when {@code interval} has no bounds (a fit without bootstrap draws or calibration). */
    private static boolean holds(ApiEstimate interval, ApiEstimate other) {
        return interval.lower() != null && interval.upper() != null
                && interval.lower() <= other.estimate() && other.estimate() <= interval.upper();
    }

    private static boolean bounded(Agreement.MethodPlan plan) {
        return plan.parameters().lower() != null && plan.tokens().lower() != null && plan.loss().lower() != null;
    }

    private static double factor(ApiEstimate x, ApiEstimate y) {
        return Math.exp(Math.abs(Math.log(x.estimate() / y.estimate())));
    }

    private static ApiEstimate estimate(double value, Estimate interval) {
        return interval == null ? new ApiEstimate(value, null, null)
                : new ApiEstimate(value, interval.lower(), interval.upper());
    }
}
