package dev.scaleplan.runs;

import java.util.List;

/**
 * The numbers of a set of runs as parallel arrays: what a fit consumes. {@code parameters} is the
 * active count N that FLOPs follow; {@code experts} is 1 for a dense run; {@code uniqueTokens} is the run's
 * unique-token count, or its token count when it gave none (fresh data). {@code flops} is the stored
 * compute (uploaded, or k·N·D); for the counting conventions {@code givenFlops} is the uploaded compute,
 * {@code attentionFlopsPerToken} the run's 6·layers·contextLength·width and {@code embeddingParameters} its
 * embedding count, each NaN where the run gave none; {@code ids} name the runs.
 */
public record RunPoints(double[] parameters, double[] tokens, double[] flops, double[] loss, double[] experts,
                        double[] totalParameters, double[] uniqueTokens, double[] ids, double[] givenFlops,
                        double[] attentionFlopsPerToken, double[] embeddingParameters) {

    private static final int COLUMNS = 11;

    static RunPoints of(List<double[]> rows) {
        int n = rows.size();
        double[][] columns = new double[COLUMNS][n];
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            for (int c = 0; c < COLUMNS; c++) {
                columns[c][i] = row[c];
            }
        }
        return of(columns);
    }

    private static RunPoints of(double[][] columns) {
        return new RunPoints(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6],
                columns[7], columns[8], columns[9], columns[10]);
    }

    public int size() {
        return loss.length;
    }

    /** The dense runs (one expert) only. */
    public RunPoints dense() {
        int[] keep = java.util.stream.IntStream.range(0, size()).filter(i -> experts[i] == 1).toArray();
        return keep.length == size() ? this : select(keep);
    }

    /** The runs at these indices, in that order. */
    public RunPoints select(int[] keep) {
        double[][] columns = {parameters, tokens, flops, loss, experts, totalParameters, uniqueTokens, ids, givenFlops,
                attentionFlopsPerToken, embeddingParameters};
        double[][] kept = new double[COLUMNS][keep.length];
        for (int c = 0; c < COLUMNS; c++) {
            for (int j = 0; j < keep.length; j++) {
                kept[c][j] = columns[c][keep[j]];
            }
        }
        return of(kept);
    }
}
