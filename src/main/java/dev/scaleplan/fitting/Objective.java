package dev.scaleplan.fitting;

/**
 * The loss ρ applied to each run's log-loss residual {@code r = logPrediction − log L}; a fit
 * minimises {@code Σ_i ρ(r_i)} over the runs.
 */
public enum Objective {

    /**
     * Huber's loss, as {@code scipy.special.huber(δ, r)}: {@code r²/2} for {@code |r| ≤ δ},
     * else {@code δ·(|r| − δ/2)} (Hoffmann et al. 2022, Approach 3, δ = 1e-3).
     */
    HUBER,

    /** Ordinary least squares, {@code r²/2} (Huber's loss with δ = ∞). */
    SQUARED;

    /** ρ(r). */
    public double value(double residual, double delta) {
        double size = Math.abs(residual);
        if (this == SQUARED || size <= delta) {
            return 0.5 * residual * residual;
        }
        return delta * (size - 0.5 * delta);
    }
}
