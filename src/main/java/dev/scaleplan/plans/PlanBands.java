package dev.scaleplan.plans;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.scaleplan.fits.Calibrations;
import dev.scaleplan.fits.PlanningFit;
import dev.scaleplan.planning.Allocation;
import dev.scaleplan.planning.AllocationDrift;
import dev.scaleplan.planning.CalibratedPlan;
import dev.scaleplan.planning.PlanIntervals;
import dev.scaleplan.web.ApiEstimate;
import org.springframework.stereotype.Component;

/**
 * A plan's intervals in the band asked for: calibrated by default (see {@link CalibratedPlan}), with the
 * bootstrap intervals kept beside them; the bootstrap intervals alone for {@code band: confidence} or when
 * the fit's backtest cannot calibrate.
 */
@Component
class PlanBands {

    static final String CALIBRATED = "calibrated";
    static final String CONFIDENCE = "confidence";

    private final Calibrations calibrations;

    PlanBands(Calibrations calibrations) {
        this.calibrations = calibrations;
    }

    /**
     * @param band      the band the plan carries
     * @param intervals the intervals to answer (null when there are none)
     * @param bootstrap the bootstrap intervals, when calibrated ones are answered
     * @param warnings  the drift when it is large, or why there is no calibrated band
     */
    record Answer(String band, PlanIntervals intervals, PlanIntervals bootstrap, List<String> warnings) {
    }

    /**
     * @param allocationChosen whether N and D are the planner's choice, so that the drift applies to them
     *                         (not for fixed-parameters, fixed-tokens or a capped model)
     */
    Answer answer(String projectId, String band, PlanningFit fit, Allocation allocation, PlanIntervals bootstrap,
                  boolean allocationChosen) {
        if (CONFIDENCE.equals(band)) {
            return new Answer(CONFIDENCE, bootstrap, null, List.of());
        }
        Optional<Calibrations.Calibration> calibration = calibrations.calibration(projectId, fit.id(),
                fit.currentDataRevision(), true);
        if (calibration.isEmpty() || !calibration.get().calibrated()) {
            String why = calibration.map(Calibrations.Calibration::missingReason).orElse("the fit has no backtest");
            return new Answer(CONFIDENCE, bootstrap, null, List.of("No calibrated intervals: " + why
                    + "; these are bootstrap intervals, which measure noise inside the fitted runs and may understate "
                    + "the error of an extrapolation."));
        }
        Calibrations.Calibration calibrated = calibration.get();
        AllocationDrift drift = calibrated.drift(allocation.flops());
        PlanIntervals intervals = CalibratedPlan.intervals(calibrated.error(), calibrated.distance(allocation.flops()),
                drift, allocation, Optional.ofNullable(bootstrap), allocationChosen);
        List<String> warnings = new ArrayList<>();
        if (allocationChosen && drift.isLarge()) {
            drift.sentence().ifPresent(sentence -> warnings.add("Allocation drift: in this fit's backtest, " + sentence
                    + "; parametersInterval and tokensInterval hold that movement either way."));
        }
        return new Answer(CALIBRATED, intervals, bootstrap, List.copyOf(warnings));
    }

    /** The predicted loss with the interval of {@code intervals} (null bounds without intervals). */
    static ApiEstimate loss(Allocation allocation, PlanIntervals intervals) {
        return intervals == null ? new ApiEstimate(allocation.loss(), null, null)
                : new ApiEstimate(allocation.loss(), intervals.loss().lower(), intervals.loss().upper());
    }

    static PlanResponse.PercentileInterval parametersBounds(PlanIntervals intervals) {
        return intervals == null ? null
                : new PlanResponse.PercentileInterval(intervals.parameters().lower(), intervals.parameters().upper());
    }

    static PlanResponse.PercentileInterval tokensBounds(PlanIntervals intervals) {
        return intervals == null ? null
                : new PlanResponse.PercentileInterval(intervals.tokens().lower(), intervals.tokens().upper());
    }
}
