package dev.scaleplan.runs;

import java.util.List;

/**
 * The numbers of a set of runs as parallel arrays: what a fit consumes. {@code parameters} is the
 * active count N that FLOPs follow; {@code experts} is 1 for a dense run.
 */
public record RunPoints(double[] parameters, double[] tokens, double[] flops, double[] loss, double[] experts,
                        double[] totalParameters) {

    static RunPoints of(List<double[]> rows) {
        int n = rows.size();
        double[][] columns = new double[6][n];
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            for (int c = 0; c < 6; c++) {
                columns[c][i] = row[c];
            }
        }
        return new RunPoints(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]);
    }

    public int size() {
        return loss.length;
    }

    /** The dense runs (one expert) only. */
    public RunPoints dense() {
        int[] keep = java.util.stream.IntStream.range(0, size()).filter(i -> experts[i] == 1).toArray();
        if (keep.length == size()) {
            return this;
        }
        double[][] columns = {parameters, tokens, flops, loss, experts, totalParameters};
        double[][] kept = new double[6][keep.length];
        for (int c = 0; c < 6; c++) {
            for (int j = 0; j < keep.length; j++) {
                kept[c][j] = columns[c][keep[j]];
            }
        }
        return new RunPoints(kept[0], kept[1], kept[2], kept[3], kept[4], kept[5]);
    }
}
