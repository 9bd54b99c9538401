package dev.scaleplan.fitting;

/**
 * A scaling law of routed (mixture-of-experts) models: the loss also depends on the expert count E.
 * {@link #loss(double, double)} is the dense model's loss (E = 1).
 */
public interface RoutedScalingLaw extends ScalingLaw {

    /** Predicted loss of a model with {@code parameters} active parameters, {@code experts} experts, on {@code tokens}. */
    double loss(double parameters, double tokens, double experts);

    /** The dense model size with the same predicted loss as this routed model (the effective parameter count). */
    double effectiveParameters(double parameters, double experts);

    @Override
    default double loss(double parameters, double tokens) {
        return loss(parameters, tokens, 1);
    }
}
