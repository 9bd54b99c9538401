package dev.scaleplan.runs;

import java.util.List;

/** Run ids, N, D, C and loss as parallel arrays, with one tag's value per run (null when absent). */
public record TaggedPoints(long[] ids, double[] parameters, double[] tokens, double[] flops, double[] loss,
                           String[] tag) {

    static TaggedPoints of(List<Object[]> rows) {
        int n = rows.size();
        TaggedPoints points = new TaggedPoints(new long[n], new double[n], new double[n], new double[n], new double[n],
                new String[n]);
        for (int i = 0; i < n; i++) {
            Object[] row = rows.get(i);
            points.ids[i] = (Long) row[0];
            points.parameters[i] = (Double) row[1];
            points.tokens[i] = (Double) row[2];
            points.flops[i] = (Double) row[3];
            points.loss[i] = (Double) row[4];
            points.tag[i] = (String) row[5];
        }
        return points;
    }

    public int size() {
        return ids.length;
    }
}
