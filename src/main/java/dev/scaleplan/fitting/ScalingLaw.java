package dev.scaleplan.fitting;

/**
 * A scaling law with concrete parameter values: the predicted final loss of a model with
 * {@code parameters} (N) trained on {@code tokens} (D). Implementations are immutable.
 */
public interface ScalingLaw {

    /** Predicted loss L(N, D). */
    double loss(double parameters, double tokens);

    /** The loss approached with unlimited parameters and data (E; 0 for Kaplan's form). */
    double irreducibleLoss();

    /** Whether the law depends on both N and D, so that a compute budget can be split between them. */
    default boolean allocatesCompute() {
        return true;
    }
}
