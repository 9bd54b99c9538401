package dev.scaleplan.fitting;

/**
 * A single power law with an irreducible term, {@code L(x) = E + A/x^alpha}, in one variable:
 * parameters N, tokens D, or compute C = flopsPerToken·N·D.
 */
public record PowerLaw(Variable variable, double irreducibleLoss, double coefficient, double alpha,
                       double flopsPerToken) implements ScalingLaw {

    /** The quantity a single power law is written in. */
    public enum Variable { PARAMETERS, TOKENS, FLOPS }

    @Override
    public double loss(double parameters, double tokens) {
        double x = switch (variable) {
            case PARAMETERS -> parameters;
            case TOKENS -> tokens;
            case FLOPS -> flopsPerToken * parameters * tokens;
        };
        return irreducibleLoss + coefficient / Math.pow(x, alpha);
    }

    /** Only a law in both N and D says how to split a budget; a single power law does not. */
    @Override
    public boolean allocatesCompute() {
        return false;
    }
}
