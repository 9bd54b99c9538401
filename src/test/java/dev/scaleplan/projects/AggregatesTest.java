package dev.scaleplan.projects;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AggregatesTest {

    @Test
    void acceptsNamedMeansOfDistinctMetrics() {
        assertThat(Aggregates.problem(Map.of("core", List.of("arc_acc", "piqa_acc"), "one", List.of("x")))).isEmpty();
    }

    @Test
    void refusesTheLossAsANameEmptyOrRepeatedMembersAndNesting() {
        assertThat(Aggregates.problem(Map.of("loss", List.of("a")))).hasValueSatisfying(p -> assertThat(p).contains("'loss'"));
        assertThat(Aggregates.problem(Map.of("core", List.of()))).hasValueSatisfying(p -> assertThat(p).contains("1 to 128"));
        assertThat(Aggregates.problem(Map.of("core", List.of("a", "a")))).hasValueSatisfying(p -> assertThat(p).contains("twice"));
        assertThat(Aggregates.problem(Map.of("core", List.of("a b")))).hasValueSatisfying(p -> assertThat(p).contains("not a metric name"));
        assertThat(Aggregates.problem(Map.of("core", List.of("a"), "all", List.of("core", "b"))))
                .hasValueSatisfying(p -> assertThat(p).contains("lists aggregate 'core'"));
    }
}
