package dev.scaleplan.fitting;

import java.util.Arrays;
import java.util.Objects;

/**
 * The runs to fit, as parallel arrays: model size N, training tokens D, training compute C and
 * final loss L of run {@code i} sit at index {@code i} of each array. The arrays are copied on the
 * way in and out, so a {@code FitData} never changes.
 *
 * @throws IllegalArgumentException if the arrays differ in length
 */
public record FitData(double[] parameters, double[] tokens, double[] flops, double[] loss) {

    public FitData {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(flops, "flops");
        Objects.requireNonNull(loss, "loss");
        int n = parameters.length;
        if (tokens.length != n || flops.length != n || loss.length != n) {
            throw new IllegalArgumentException("parameters, tokens, flops and loss must have the same length; got "
                    + n + ", " + tokens.length + ", " + flops.length + ", " + loss.length);
        }
        parameters = parameters.clone();
        tokens = tokens.clone();
        flops = flops.clone();
        loss = loss.clone();
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
        double[] n = new double[indices.length];
        double[] d = new double[indices.length];
        double[] c = new double[indices.length];
        double[] l = new double[indices.length];
        for (int j = 0; j < indices.length; j++) {
            n[j] = parameters[indices[j]];
            d[j] = tokens[indices[j]];
            c[j] = flops[indices[j]];
            l[j] = loss[indices[j]];
        }
        return new FitData(n, d, c, l);
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
    public boolean equals(Object other) {
        return other instanceof FitData that && Arrays.equals(parameters, that.parameters)
                && Arrays.equals(tokens, that.tokens) && Arrays.equals(flops, that.flops)
                && Arrays.equals(loss, that.loss);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(parameters), Arrays.hashCode(tokens), Arrays.hashCode(flops),
                Arrays.hashCode(loss));
    }

    @Override
    public String toString() {
        return "FitData[runs=" + size() + "]";
    }
}
