package dev.scaleplan.projects;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scaleplan.web.Names;

/**
 * A project's aggregates: named means of run metrics (e.g. a benchmark suite's average accuracy), each
 * usable wherever a metric is. A run lacking any member has no value of the aggregate.
 */
public final class Aggregates {

    static final String DESCRIPTION = "Named means of run metrics, computed per run by the service (a run lacking a "
            + "member has none); usable wherever a metric is: a fit's `target`, a downstream fit's `metric` or `from`, "
            + "`metrics=`. At most " + 64 + " aggregates of 1 to 128 distinct metrics; names as metric names, not `loss` "
            + "and not an aggregate's member; an aggregate shadows a metric of the same name";
    static final String EXAMPLE = "{\"core\": [\"arc_easy_acc\", \"hellaswag_acc\", \"piqa_acc\"]}";
    static final int MAX_AGGREGATES = 64;
    static final int MAX_MEMBERS = 128;

    private Aggregates() {
    }

    /** An unmodifiable copy keeping the declared order. */
    static Map<String, List<String>> copy(Map<String, List<String>> aggregates) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        aggregates.forEach((name, members) -> copy.put(name, List.copyOf(members)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** What is wrong with a declaration, in words (for field {@code aggregates}), if anything. */
    static Optional<String> problem(Map<String, List<String>> aggregates) {
        if (aggregates.size() > MAX_AGGREGATES) {
            return Optional.of("at most " + MAX_AGGREGATES + " aggregates");
        }
        for (Map.Entry<String, List<String>> entry : aggregates.entrySet()) {
            String name = entry.getKey();
            List<String> members = entry.getValue();
            if (!Names.valid(name) || "loss".equals(name)) {
                return Optional.of("aggregate names must match " + Names.PATTERN + " and not be 'loss'");
            }
            if (members == null || members.isEmpty() || members.size() > MAX_MEMBERS) {
                return Optional.of("aggregate '" + name + "' must list 1 to " + MAX_MEMBERS + " metrics");
            }
            if (members.stream().anyMatch(m -> !Names.valid(m))) {
                return Optional.of("aggregate '" + name + "' lists a name that is not a metric name");
            }
            if (members.stream().distinct().count() < members.size()) {
                return Optional.of("aggregate '" + name + "' lists a metric twice");
            }
            Optional<String> nested = members.stream().filter(aggregates::containsKey).findFirst();
            if (nested.isPresent()) {
                return Optional.of("aggregate '" + name + "' lists aggregate '" + nested.get()
                        + "'; list its metrics instead");
            }
        }
        return Optional.empty();
    }
}
