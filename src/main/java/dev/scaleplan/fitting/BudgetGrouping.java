package dev.scaleplan.fitting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Groups runs into IsoFLOP compute budgets. A run with a {@code budget} tag belongs to the budget of
 * that tag. The other runs are grouped by compute: sorted by FLOPs and taken greedily from the smallest,
 * a group holds every run whose FLOPs are at most {@code 1 + tolerance} times its first run's, so any
 * two runs of a group differ by at most that relative tolerance (10% by default). Untagged groups of
 * fewer than {@value #MIN_UNTAGGED_GROUP} runs are not budgets: their runs are left out, with the reason.
 */
final class BudgetGrouping {

    /** Default relative tolerance on FLOPs within one budget. */
    static final double DEFAULT_TOLERANCE = 0.10;

    /** The smallest untagged group reported as a budget (smaller ones are stray runs). */
    static final int MIN_UNTAGGED_GROUP = 3;

    /** One group of runs: indices into the data, the tag (null for compute-grouped), the centre compute. */
    record Group(String tag, int[] members, double flops, double flopsSpread) {
    }

    /** The budgets and the runs that fell in none. */
    record Result(List<Group> groups, List<IsoFlopAnalysis.LeftOutRun> leftOut) {
    }

    private BudgetGrouping() {
    }

    static Result group(IsoFlopData data, double tolerance) {
        List<Group> groups = new ArrayList<>();
        List<IsoFlopAnalysis.LeftOutRun> leftOut = new ArrayList<>();
        Map<String, List<Integer>> tagged = new TreeMap<>();
        List<Integer> untagged = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            String tag = data.budgetTagOf(i);
            if (tag != null) {
                tagged.computeIfAbsent(tag, t -> new ArrayList<>()).add(i);
            } else {
                untagged.add(i);
            }
        }
        tagged.forEach((tag, members) -> groups.add(group(data, tag, members)));
        untagged.sort(Comparator.comparingDouble(data::flopsOf).thenComparingInt(i -> i));
        int start = 0;
        while (start < untagged.size()) {
            double limit = data.flopsOf(untagged.get(start)) * (1 + tolerance);
            int end = start;
            while (end < untagged.size() && data.flopsOf(untagged.get(end)) <= limit) {
                end++;
            }
            List<Integer> members = untagged.subList(start, end);
            if (members.size() >= MIN_UNTAGGED_GROUP) {
                groups.add(group(data, null, members));
            } else {
                String reason = String.format(Locale.ROOT, "only %d run%s within %.0f%% of %.3g FLOPs and no "
                                + "budget tag; an IsoFLOP budget needs at least 5 runs of (nearly) equal compute",
                        members.size(), members.size() == 1 ? "" : "s", tolerance * 100,
                        data.flopsOf(members.get(0)));
                members.forEach(i -> leftOut.add(new IsoFlopAnalysis.LeftOutRun(data.runId(i), data.flopsOf(i),
                        reason)));
            }
            start = end;
        }
        groups.sort(Comparator.comparingDouble(Group::flops));
        return new Result(groups, leftOut);
    }

    private static Group group(IsoFlopData data, String tag, List<Integer> members) {
        int[] indices = members.stream().mapToInt(Integer::intValue).toArray();
        // Geometric mean: the budget's compute on the log scale the analysis works in.
        double meanLog = Arrays.stream(indices).mapToDouble(i -> Math.log(data.flopsOf(i))).average().orElseThrow();
        double min = IntStream.of(indices).mapToDouble(data::flopsOf).min().orElseThrow();
        double max = IntStream.of(indices).mapToDouble(data::flopsOf).max().orElseThrow();
        return new Group(tag, indices, Math.exp(meanLog), max / min - 1);
    }
}
