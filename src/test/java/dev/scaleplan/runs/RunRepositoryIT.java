package dev.scaleplan.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scaleplan.projects.CreateProjectRequest;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.support.RepositorySliceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs through the staging table and COPY, and back, on PostgreSQL alone. */
@RepositorySliceTest
class RunRepositoryIT {

    private static final String PROJECT = "run-repository";

    @Autowired
    RunRepository runs;

    @Autowired
    ProjectService projects;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void textWithQuotesCommasNewlinesAndEmptyValuesSurvivesCopyAndReadsBackAsSent() {
        projects.create(new CreateProjectRequest(PROJECT, "Runs", null, 6.0, null, null));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("note", "a \"quoted\", comma\nand newline \\N");
        tags.put("empty", "");
        RunInput awkward = new RunInput("sweep-1/\"run\",1", 1e8, 2e9, 3.1, null, null, null, "web,\"v2\"\r\n", tags,
                Map.of("hellaswag", 0.41), 3e-4, 512L, 1L, 1e8, 5e7, 12L, 2048L, 768L);
        RunInput sparse = new RunInput(null, 2e8, 4e9, 2.9, 5e18, 1e8, 3e9, null, Map.of(), Map.of(), null, null,
                8L, 6e8, null, null, null, null);

        List<Long> ids = store(PROJECT, List.of(awkward, sparse), 6);

        Run first = runs.find(PROJECT, ids.get(0)).orElseThrow();
        assertThat(first.externalId()).isEqualTo("sweep-1/\"run\",1");
        assertThat(first.dataset()).isEqualTo("web,\"v2\"\r\n");
        assertThat(first.tags()).isEqualTo(tags);
        assertThat(first.metrics()).isEqualTo(Map.of("hellaswag", 0.41));
        assertThat(first.flops()).isEqualTo(6 * 1e8 * 2e9);
        assertThat(first.learningRate()).isEqualTo(3e-4);
        assertThat(first.batchSize()).isEqualTo(512L);
        Run second = runs.find(PROJECT, ids.get(1)).orElseThrow();
        assertThat(second.externalId()).isNull();
        assertThat(second.dataset()).isNull();
        assertThat(second.learningRate()).isNull();
        assertThat(second.batchSize()).isNull();
        assertThat(second.flops()).isEqualTo(5e18);
        assertThat(second.activeParameters()).isEqualTo(1e8);
        assertThat(second.uniqueTokens()).isEqualTo(3e9);
        assertThat(second.experts()).isEqualTo(8);
        assertThat(second.totalParameters()).isEqualTo(6e8);
        assertThat(runs.page(PROJECT, RunFilter.ALL, 0, 10)).containsExactly(first, second);
    }

    /** Two uploads, each in its own transaction as the service makes them (the staging table lives for one). */
    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aRunSentAgainWithoutExternalIdIsTheStoredRunAndAChangedKeyedRunIsAConflict() {
        String project = "run-repository-resent";
        projects.create(new CreateProjectRequest(project, "Runs sent again", null, 6.0, null, null));
        RunInput anonymous = new RunInput(null, 1e8, 2e9, 3.1, null, null, null, "web", Map.of("a", "1"), Map.of(),
                null, null, 1L, 1e8, null, null, null, null);
        RunInput keyed = new RunInput("k-1", 1e8, 2e9, 3.1, null, null, null, null, Map.of(), Map.of(), null, null,
                1L, 1e8, null, null, null, null);
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        List<Long> stored = transaction.execute(status -> store(project, List.of(anonymous, keyed), 6));

        transaction.executeWithoutResult(status -> {
            runs.stage(List.of(anonymous, anonymous, withLoss(keyed, 3.0)), 7);
            List<RunRepository.Conflict> conflicts = runs.conflicts(project);
            List<Long> again = runs.insertStaged(project);

            assertThat(conflicts).singleElement().satisfies(conflict -> {
                assertThat(conflict.row()).isEqualTo(3);
                assertThat(conflict.runId()).isEqualTo(stored.get(1));
            });
            assertThat(again.subList(0, 2)).containsOnly(stored.get(0));
            status.setRollbackOnly();
        });
        assertThat(runs.count(project, RunFilter.ALL)).isEqualTo(2);
        projects.delete(project);
    }

    private List<Long> store(String project, List<RunInput> batch, double flopsPerToken) {
        runs.stage(batch, flopsPerToken);
        assertThat(runs.conflicts(project)).isEmpty();
        return runs.insertStaged(project);
    }
    private static RunInput withLoss(RunInput run, double loss) {
        return new RunInput(run.externalId(), run.parameters(), run.tokens(), loss, run.flops(), run.activeParameters(),
                run.uniqueTokens(), run.dataset(), run.tags(), run.metrics(), run.learningRate(), run.batchSize(),
                run.experts(), run.totalParameters(), run.embeddingParameters(), run.layers(), run.contextLength(),
                run.width());
    }
}
