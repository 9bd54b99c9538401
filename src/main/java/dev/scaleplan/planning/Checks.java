package dev.scaleplan.planning;

import dev.scaleplan.fitting.TrainingFlops;

/** Argument checks shared by the planners: a safety net behind the REST layer's validation. */
final class Checks {

    private Checks() {
    }

    /** Returns {@code value} if it is finite and strictly positive, else throws. */
    static double positive(double value, String name) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(name + " must be a finite number greater than 0, but was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is finite and not negative, else throws. */
    static double nonNegative(double value, String name) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be a finite number of at least 0, but was " + value);
        }
        return value;
    }

    /** Returns {@code confidenceLevel} if it lies strictly between 0 and 1, else throws. */
    static double confidenceLevel(double confidenceLevel) {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1), but was " + confidenceLevel);
        }
        return confidenceLevel;
    }

    /** Checks a target-loss question: a positive target and a positive {@code flopsPerToken}. */
    static double targetLoss(double targetLoss, double flopsPerToken) {
        positive(targetLoss, "targetLoss");
        positive(flopsPerToken, "flopsPerToken");
        return targetLoss;
    }

    /** Checks a compute budget: at least {@code flopsPerToken}, i.e. one parameter trained on one token. */
    static double budget(double flops, double flopsPerToken) {
        positive(flopsPerToken, "flopsPerToken");
        positive(flops, "flops");
        if (flops < flopsPerToken) {
            throw new IllegalArgumentException("flops must be at least flopsPerToken (" + flopsPerToken
                    + "), enough for one parameter trained on one token, but was " + flops);
        }
        return flops;
    }

    /** Checks a compute budget: at least f(1), one parameter trained on one token. */
    static double budget(double flops, TrainingFlops compute) {
        positive(flops, "flops");
        double least = compute.perToken(1);
        if (flops < least) {
            throw new IllegalArgumentException("flops must be at least " + least
                    + ", enough for one parameter trained on one token, but was " + flops);
        }
        return flops;
    }
}
