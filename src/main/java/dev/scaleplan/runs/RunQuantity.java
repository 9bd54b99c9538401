package dev.scaleplan.runs;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A per-run quantity a fit can take in place of the loss: the loss itself, one uploaded metric, or a
 * project's aggregate (the mean of several metrics; a run lacking any member has none).
 *
 * @param name    {@code loss}, the metric's name or the aggregate's
 * @param members the metrics averaged (one for a plain metric; none for the loss)
 */
public record RunQuantity(String name, List<String> members) {

    /** The run's final loss. */
    public static final RunQuantity LOSS = new RunQuantity("loss", List.of());

    public RunQuantity {
        members = List.copyOf(members);
    }

    public static RunQuantity metric(String name) {
        return new RunQuantity(name, List.of(name));
    }

    public static RunQuantity aggregate(String name, List<String> members) {
        return new RunQuantity(name, members);
    }

    public boolean isLoss() {
        return members.isEmpty();
    }

    /** The SQL expression of the quantity over table {@code run}, with parameters named {@code prefix0, prefix1, …}. */
    String sql(String prefix) {
        if (isLoss()) {
            return "loss";
        }
        return IntStream.range(0, members.size())
                .mapToObj(i -> "CAST(metrics ->> :" + prefix + i + " AS double precision)")
                .collect(Collectors.joining(" + ", "((", ") / " + members.size() + ")"));
    }

    /** The SQL condition that a run carries every member (empty for the loss). */
    String presentSql(String prefix) {
        return IntStream.range(0, members.size()).mapToObj(i -> " AND metrics ->> :" + prefix + i + " IS NOT NULL")
                .collect(Collectors.joining());
    }

    /** The member names bound to the parameters of {@link #sql}. */
    Map<String, Object> params(String prefix) {
        return IntStream.range(0, members.size()).boxed()
                .collect(Collectors.toMap(i -> prefix + i, members::get));
    }
}
