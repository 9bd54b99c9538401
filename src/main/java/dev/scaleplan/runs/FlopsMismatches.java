package dev.scaleplan.runs;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs whose stored compute disagrees with {@code flopsPerToken·N·D} by more than {@link #FACTOR}× either
 * way — what a unit slip gives. They are kept, but plans assume {@code C = k·N·D}, so fits and uploads
 * that contain them say so.
 *
 * @param total how many runs disagree
 * @param first the first of them by id (at most {@link #LISTED})
 */
public record FlopsMismatches(long total, List<Run> first) {

    /** A ratio beyond this, either way, is a mismatch. */
    public static final double FACTOR = 2;

    /** How many mismatching runs a warning names. */
    public static final int LISTED = 10;

    /** One mismatching run: its id, its externalId (or null) and flops / (k·N·D). */
    public record Run(long id, String externalId, double ratio) {

        String describe() {
            return String.format(Locale.ROOT, "run %d%s (%.3g×)", id,
                    externalId == null ? "" : " '" + externalId + "'", ratio);
        }
    }

    public boolean any() {
        return total > 0;
    }

    /** The caution in words, naming the runs, for a fit or an upload. */
    public String warning(double flopsPerToken) {
        String named = first.stream().map(Run::describe).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%d run(s) have flops more than %.0f× away from flopsPerToken·N·D = %s·N·D:"
                        + " %s%s. They are kept as given, but plans assume C = k·N·D; check for a unit slip.",
                total, FACTOR, number(flopsPerToken), named, total > first.size() ? ", …" : "");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
