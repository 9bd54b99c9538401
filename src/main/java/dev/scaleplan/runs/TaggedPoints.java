package dev.scaleplan.runs;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Run ids, N, D, C, loss and expert count as parallel arrays, with one tag's value per run (null when
 * absent). {@code experts} is 1 for a dense run.
 */
public record TaggedPoints(long[] ids, double[] parameters, double[] tokens, double[] flops, double[] loss,
                           double[] experts, String[] tag, double[] uniqueTokens) {

    static TaggedPoints of(List<Object[]> rows) {
        int n = rows.size();
        TaggedPoints points = new TaggedPoints(new long[n], new double[n], new double[n], new double[n], new double[n],
                new double[n], new String[n], new double[n]);
        for (int i = 0; i < n; i++) {
            Object[] row = rows.get(i);
            points.ids[i] = (Long) row[0];
            points.parameters[i] = (Double) row[1];
            points.tokens[i] = (Double) row[2];
            points.flops[i] = (Double) row[3];
            points.loss[i] = (Double) row[4];
            points.experts[i] = (Double) row[5];
            points.tag[i] = (String) row[6];
            points.uniqueTokens[i] = (Double) row[7];
        }
        return points;
    }

    public int size() {
        return ids.length;
    }

    /** The dense runs (one expert) only, as dense laws and IsoFLOP analyses use them. */
    public TaggedPoints dense() {
        int[] keep = IntStream.range(0, size()).filter(i -> experts[i] == 1).toArray();
        if (keep.length == size()) {
            return this;
        }
        TaggedPoints kept = new TaggedPoints(new long[keep.length], new double[keep.length], new double[keep.length],
                new double[keep.length], new double[keep.length], new double[keep.length], new String[keep.length],
                new double[keep.length]);
        for (int j = 0; j < keep.length; j++) {
            int i = keep[j];
            kept.ids[j] = ids[i];
            kept.parameters[j] = parameters[i];
            kept.tokens[j] = tokens[i];
            kept.flops[j] = flops[i];
            kept.loss[j] = loss[i];
            kept.experts[j] = experts[i];
            kept.tag[j] = tag[i];
            kept.uniqueTokens[j] = uniqueTokens[i];
        }
        return kept;
    }
}
