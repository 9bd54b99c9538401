package dev.scaleplan.planning;

import java.util.Optional;

import dev.scaleplan.fitting.Estimate;
import dev.scaleplan.fitting.ExtrapolationError;

/**
 * A plan's calibrated intervals: the loss from the calibrated band at the plan's extrapolation distance
 * ({@link ExtrapolationError}), N and D from the bootstrap intervals widened by the allocation drift the
 * backtest found ({@link AllocationDrift#widen}).
 */
public final class CalibratedPlan {

    private CalibratedPlan() {
    }

    /**
     * @param error       the fit's calibrated error model
     * @param distance    the plan's extrapolation distance ({@link ExtrapolationError#distance})
     * @param drift       the drift at the plan's compute (no shifts: no widening)
     * @param allocation  the plan's run
     * @param bootstrap   its bootstrap intervals, if any
     * @param widen       whether N and D are the planner's choice (false when the caller fixed one of them)
     */
    public static PlanIntervals intervals(ExtrapolationError error, double distance, AllocationDrift drift,
                                          Allocation allocation, Optional<PlanIntervals> bootstrap, boolean widen) {
        Estimate loss = error.band(allocation.loss(), distance);
        Estimate parameters = bootstrap.map(PlanIntervals::parameters)
                .orElse(new Estimate(allocation.parameters(), allocation.parameters(), allocation.parameters()));
        Estimate tokens = bootstrap.map(PlanIntervals::tokens)
                .orElse(new Estimate(allocation.tokens(), allocation.tokens(), allocation.tokens()));
        if (widen) {
            parameters = AllocationDrift.widen(parameters.estimate(), parameters.lower(), parameters.upper(),
                    drift.parametersFactor());
            tokens = AllocationDrift.widen(tokens.estimate(), tokens.lower(), tokens.upper(), drift.tokensFactor());
        }
        return new PlanIntervals(parameters, tokens, new Estimate(loss.estimate(), loss.lower(), loss.upper()));
    }
}
