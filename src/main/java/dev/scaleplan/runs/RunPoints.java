package dev.scaleplan.runs;

import java.util.List;

/** The numbers of a set of runs as parallel arrays: what a fit consumes. */
public record RunPoints(double[] parameters, double[] tokens, double[] flops, double[] loss) {

    static RunPoints of(List<double[]> rows) {
        int n = rows.size();
        double[] parameters = new double[n];
        double[] tokens = new double[n];
        double[] flops = new double[n];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            parameters[i] = row[0];
            tokens[i] = row[1];
            flops[i] = row[2];
            loss[i] = row[3];
        }
        return new RunPoints(parameters, tokens, flops, loss);
    }

    public int size() {
        return loss.length;
    }
}
