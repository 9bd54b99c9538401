package dev.scaleplan.fitting;

import java.util.Objects;

/**
 * The runs of an IsoFLOP analysis as parallel arrays: run id, model size N, tokens D, compute C,
 * final loss L, and the run's {@code budget} tag (null when it has none) at index {@code i}.
 *
 * @throws IllegalArgumentException if the arrays differ in length
 */
public record IsoFlopData(long[] runIds, double[] parameters, double[] tokens, double[] flops, double[] loss,
                          String[] budgetTags) {

    public IsoFlopData {
        Objects.requireNonNull(runIds, "runIds");
        int n = runIds.length;
        if (parameters.length != n || tokens.length != n || flops.length != n || loss.length != n
                || budgetTags.length != n) {
            throw new IllegalArgumentException("every array needs one entry per run (" + n + ")");
        }
        runIds = runIds.clone();
        parameters = parameters.clone();
        tokens = tokens.clone();
        flops = flops.clone();
        loss = loss.clone();
        budgetTags = budgetTags.clone();
    }

    /** Runs without budget tags, so that budgets come from compute alone. */
    public static IsoFlopData untagged(long[] runIds, double[] parameters, double[] tokens, double[] flops,
                                       double[] loss) {
        return new IsoFlopData(runIds, parameters, tokens, flops, loss, new String[runIds.length]);
    }

    public int size() {
        return runIds.length;
    }

    /** The same runs as a {@link FitData}, for refits and predictions. */
    public FitData asFitData() {
        return new FitData(parameters, tokens, flops, loss);
    }

    /** The runs at the given indices, in that order. */
    public IsoFlopData select(int[] indices) {
        long[] ids = new long[indices.length];
        String[] tags = new String[indices.length];
        for (int j = 0; j < indices.length; j++) {
            ids[j] = runIds[indices[j]];
            tags[j] = budgetTags[indices[j]];
        }
        return new IsoFlopData(ids, FitData.pick(parameters, indices), FitData.pick(tokens, indices),
                FitData.pick(flops, indices), FitData.pick(loss, indices), tags);
    }

    long runId(int i) {
        return runIds[i];
    }

    double parametersOf(int i) {
        return parameters[i];
    }

    double flopsOf(int i) {
        return flops[i];
    }

    double lossOf(int i) {
        return loss[i];
    }

    String budgetTagOf(int i) {
        return budgetTags[i];
    }
}
