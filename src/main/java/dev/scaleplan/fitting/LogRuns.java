package dev.scaleplan.fitting;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The runs of a fitting problem as logs of N, D, C, loss, experts and unique tokens, taken once, with
 * each run's multiplicity (null: every run once). Plain arrays: {@link LogLossProblem}'s inner loop reads
 * them directly.
 */
final class LogRuns {

    final double[] parameters;
    final double[] tokens;
    final double[] flops;
    final double[] loss;
    final double[] experts;
    final double[] uniqueTokens;
    final double[] multiplicity;

    private LogRuns(double[][] columns, double[] multiplicity) {
        this.parameters = columns[0];
        this.tokens = columns[1];
        this.flops = columns[2];
        this.loss = columns[3];
        this.experts = columns[4];
        this.uniqueTokens = columns[5];
        this.multiplicity = multiplicity;
    }

    static LogRuns of(FitData data) {
        return new LogRuns(new double[][] {logs(data.parameters()), logs(data.tokens()), logs(data.flops()),
                logs(data.loss()), logs(data.experts()), logs(data.uniqueTokens())}, null);
    }

    int size() {
        return loss.length;
    }

    /** These runs with run i counted {@code multiplicity[i]} times; runs counted zero times are left out. */
    LogRuns weighted(double[] multiplicity) {
        int kept = 0;
        for (double count : multiplicity) {
            if (count != 0) {
                kept++;
            }
        }
        int[] picked = new int[kept];
        double[] counts = new double[kept];
        int k = 0;
        for (int i = 0; i < multiplicity.length; i++) {
            if (multiplicity[i] != 0) {
                picked[k] = i;
                counts[k++] = multiplicity[i];
            }
        }
        return new LogRuns(pick(picked), counts);
    }

    /** Every {@code stride}-th run in order of compute, starting with the smallest, each counted once. */
    LogRuns subsample(int stride) {
        Integer[] byFlops = new Integer[flops.length];
        for (int i = 0; i < byFlops.length; i++) {
            byFlops[i] = i;
        }
        Arrays.sort(byFlops, Comparator.comparingDouble((Integer i) -> flops[i]));
        int[] picked = new int[(loss.length + stride - 1) / stride];
        for (int k = 0; k < picked.length; k++) {
            picked[k] = byFlops[k * stride];
        }
        return new LogRuns(pick(picked), null);
    }

    private double[][] pick(int[] rows) {
        double[][] columns = {parameters, tokens, flops, loss, experts, uniqueTokens};
        double[][] picked = new double[columns.length][rows.length];
        for (int c = 0; c < columns.length; c++) {
            for (int k = 0; k < rows.length; k++) {
                picked[c][k] = columns[c][rows[k]];
            }
        }
        return picked;
    }

    private static double[] logs(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(values[i]);
        }
        return logs;
    }
}
