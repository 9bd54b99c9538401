package dev.scaleplan.fitting;

import java.util.Arrays;
import java.util.Objects;

/**
 * The runs to fit, as parallel arrays: model size N (the active parameters per token), training
 * tokens D, training compute C, final loss L, expert count E (1 for a dense model) and unique tokens U
 * (the distinct tokens the D were drawn from; U ≥ D for a run that never repeats its data) of run
 * {@code i} sit at index {@code i} of each array. The arrays are copied on the way in and out, so a
 * {@code FitData} never changes.
 *
 * @throws IllegalArgumentException if the arrays differ in length
 */
public record FitData(double[] parameters, double[] tokens, double[] flops, double[] loss, double[] experts,
                      double[] uniqueTokens) {

    public FitData {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(flops, "flops");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(experts, "experts");
        Objects.requireNonNull(uniqueTokens, "uniqueTokens");
        int n = parameters.length;
        if (tokens.length != n || flops.length != n || loss.length != n || experts.length != n
                || uniqueTokens.length != n) {
            throw new IllegalArgumentException("parameters, tokens, flops, loss, experts and uniqueTokens must have the"
                    + " same length; got " + n + ", " + tokens.length + ", " + flops.length + ", " + loss.length + ", "
                    + experts.length + ", " + uniqueTokens.length);
        }
        parameters = parameters.clone();
        tokens = tokens.clone();
        flops = flops.clone();
        loss = loss.clone();
        experts = experts.clone();
        uniqueTokens = uniqueTokens.clone();
    }

    /** Runs that never repeat their data (U = D). */
    public FitData(double[] parameters, double[] tokens, double[] flops, double[] loss, double[] experts) {
        this(parameters, tokens, flops, loss, experts, tokens);
    }

    /** Dense runs: one expert each. */
    public FitData(double[] parameters, double[] tokens, double[] flops, double[] loss) {
        this(parameters, tokens, flops, loss, ones(parameters.length));
    }

    private static double[] ones(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return ones;
    }

    /** Runs whose compute is the usual estimate {@code C = flopsPerToken·N·D}. */
    public static FitData withEstimatedFlops(double[] parameters, double[] tokens, double[] loss,
                                             double flopsPerToken) {
        double[] flops = new double[parameters.length];
        for (int i = 0; i < flops.length && i < tokens.length; i++) {
            flops[i] = flopsPerToken * parameters[i] * tokens[i];
        }
        return new FitData(parameters, tokens, flops, loss);
    }

    /** Number of runs. */
    public int size() {
        return loss.length;
    }

    /** The runs at the given indices, in that order. */
    public FitData select(int[] indices) {
        return new FitData(pick(parameters, indices), pick(tokens, indices), pick(flops, indices),
                pick(loss, indices), pick(experts, indices), pick(uniqueTokens, indices));
    }

    /** The entries of {@code values} at the given indices, in that order. */
    static double[] pick(double[] values, int[] indices) {
        double[] picked = new double[indices.length];
        for (int j = 0; j < indices.length; j++) {
            picked[j] = values[indices[j]];
        }
        return picked;
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public double[] tokens() {
        return tokens.clone();
    }

    @Override
    public double[] flops() {
        return flops.clone();
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }

    @Override
    public double[] experts() {
        return experts.clone();
    }

    @Override
    public double[] uniqueTokens() {
        return uniqueTokens.clone();
    }

    /** Passes over the unique data of each run, {@code D / min(D, U)}: 1 for a run that repeats nothing. */
    public double[] epochs() {
        double[] epochs = new double[loss.length];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = tokens[i] / Math.min(tokens[i], uniqueTokens[i]);
        }
        return epochs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FitData that && Arrays.equals(parameters, that.parameters)
                && Arrays.equals(tokens, that.tokens) && Arrays.equals(flops, that.flops)
                && Arrays.equals(loss, that.loss) && Arrays.equals(experts, that.experts)
                && Arrays.equals(uniqueTokens, that.uniqueTokens);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(parameters), Arrays.hashCode(tokens), Arrays.hashCode(flops),
                Arrays.hashCode(loss), Arrays.hashCode(experts), Arrays.hashCode(uniqueTokens));
    }

    @Override
    public String toString() {
        return "FitData[runs=" + size() + "]";
    }
}
