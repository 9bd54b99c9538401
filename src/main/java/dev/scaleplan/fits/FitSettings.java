package dev.scaleplan.fits;

import java.util.Objects;

import dev.scaleplan.fitting.FitOptions;
import dev.scaleplan.fitting.IsoFlopOptions;
import dev.scaleplan.fitting.Objective;

/**
 * A fit request's options with their defaults applied: the one place the defaults live (and the values
 * {@link FitRequest}'s API document names as {@code defaultValue}).
 */
record FitSettings(Objective objective, double huberDelta, int bootstrap, double confidenceLevel, long seed,
                   double holdout) {

    static final int DEFAULT_BOOTSTRAP = 200;
    static final double DEFAULT_CONFIDENCE_LEVEL = 0.9;
    static final long DEFAULT_SEED = 42;
    static final double DEFAULT_HOLDOUT = 0.1;

    static FitSettings of(FitRequest request) {
        return new FitSettings("squared".equals(request.loss()) ? Objective.SQUARED : Objective.HUBER,
                Objects.requireNonNullElse(request.huberDelta(), FitOptions.DEFAULT_HUBER_DELTA),
                bootstrapOf(request),
                Objects.requireNonNullElse(request.confidenceLevel(), DEFAULT_CONFIDENCE_LEVEL),
                Objects.requireNonNullElse(request.seed(), DEFAULT_SEED),
                Objects.requireNonNullElse(request.holdout(), DEFAULT_HOLDOUT));
    }

    /** The bootstrap refits a request asks for, defaulted. */
    static int bootstrapOf(FitRequest request) {
        return Objects.requireNonNullElse(request.bootstrap(), DEFAULT_BOOTSTRAP);
    }

    /** Options of a law fit for runs whose compute is {@code flopsPerToken}·N·D. */
    FitOptions lawOptions(double flopsPerToken) {
        return new FitOptions(objective, huberDelta, bootstrap, confidenceLevel, seed, holdout, flopsPerToken);
    }

    /** Options of an IsoFLOP analysis grouping runs into budgets within {@code tolerance}. */
    IsoFlopOptions isoFlopOptions(double flopsPerToken, double tolerance) {
        return new IsoFlopOptions(bootstrap, confidenceLevel, seed, flopsPerToken, tolerance);
    }
}
