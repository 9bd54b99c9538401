package dev.scaleplan.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.scaleplan.crosscheck.AgreementService;
import dev.scaleplan.projects.CreateProjectRequest;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.support.RepositorySliceTest;
import dev.scaleplan.web.ApiEstimate;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Stored plans on PostgreSQL alone: the versioned document in, the answer out, old rows included. */
@RepositorySliceTest
class PlanRepositoryIT {

    private static final String PROJECT = "plan-repository";

    @Autowired
    PlanRepository plans;

    @Autowired
    ProjectService projects;

    @Autowired
    JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();
    private long fitId;

    @BeforeEach
    void projectWithAFit() {
        projects.create(new CreateProjectRequest(PROJECT, "Plans", null, 6.0, null, null));
        fitId = jdbc.sql("""
                        INSERT INTO fit (project_id, form, data_revision, objective, runs_used, duration_ms, request, result)
                        VALUES (:project, 'chinchilla', 0, 0.01, 10, 1, '{}', '{}') RETURNING id""")
                .param("project", PROJECT).query(Long.class).single();
    }

    @Test
    void aPlanIsStoredAsAVersionedDocumentAndReadBackWithItsIdAndTime() throws IOException {
        Plan plan = plan(PROJECT);

        PlanResponse stored = plans.insert(PROJECT, fitId, request(), plan, null).orElseThrow();

        assertThat(stored.id()).isPositive();
        assertThat(stored.plan()).isEqualTo(plan);
        assertThat(plans.find(PROJECT, stored.id())).contains(stored);
        assertThat(plans.byFit(PROJECT, fitId, 5)).containsExactly(stored);
        String column = jdbc.sql("SELECT result FROM plan WHERE id = :id").param("id", stored.id())
                .query(String.class).single();
        assertThat(json.readTree(column).get("version").asInt()).isEqualTo(PlanDocument.CURRENT_VERSION);
        assertThat(json.readTree(column).has("id")).isFalse();
    }

    @Test
    void aPlanIsStoredOnlyWhileItsBasisHolds() {
        ProjectService.CurrentRevision now = projects.currentRevision(PROJECT);
        PlanBases.Basis holds = new PlanBases.Basis(now, new AgreementService.NoteFits(null, fitId));

        assertThat(plans.insert(PROJECT, fitId, request(), plan(PROJECT), holds)).isPresent();
        assertThat(plans.count(PROJECT)).isEqualTo(1);

        List<PlanBases.Basis> outdated = List.of(
                new PlanBases.Basis(new ProjectService.CurrentRevision(now.dataRevision() + 1, now.projectCreatedAt()),
                        holds.noteFits()),
                new PlanBases.Basis(new ProjectService.CurrentRevision(now.dataRevision(),
                        now.projectCreatedAt().minusSeconds(1)), holds.noteFits()),
                new PlanBases.Basis(now, new AgreementService.NoteFits(null, fitId - 1)),
                new PlanBases.Basis(now, new AgreementService.NoteFits(fitId, fitId)));
        for (PlanBases.Basis basis : outdated) {
            assertThat(plans.insert(PROJECT, fitId, request(), plan(PROJECT), basis)).as(basis.toString()).isEmpty();
        }
        assertThat(plans.count(PROJECT)).isEqualTo(1);
    }

    @Test
    void aRowStoredBeforePlansHadAVersionStillReads() throws IOException {
        String v1 = fixture("plan-result-v1.json").replace("\"fitId\":12", "\"fitId\":" + fitId);
        long id = jdbc.sql("""
                        INSERT INTO plan (project_id, fit_id, objective, request, result)
                        VALUES (:project, :fit, 'compute-optimal', '{}', :result) RETURNING id""")
                .param("project", PROJECT).param("fit", fitId).param("result", v1).query(Long.class).single();

        PlanResponse read = plans.find(PROJECT, id).orElseThrow();

        assertThat(read.id()).isEqualTo(id);
        assertThat(read.createdAt()).isNotNull();
        assertThat(read.plan().allocation().plannedTokensPerParameter()).isEqualTo(18.4);
        assertThat(read.plan().warnings()).isEmpty();
        assertThat(plans.count(PROJECT)).isEqualTo(1);
    }

    /**
     * Outside the test's transaction, because the refused INSERT aborts the transaction it runs in and the
     * repository then asks {@link ProjectService} whether the project exists.
     */
    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aPlanOfAFitInAnotherProjectOrOfAVanishedProjectIsA404AndNothingIsStored() {
        String other = PROJECT + "-other";
        projects.create(new CreateProjectRequest(other, "Another", null, 6.0, null, null));
        try {
            assertThatThrownBy(() -> plans.insert(other, fitId, request(), plan(other), null))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND);
                        assertThat(e.getMessage()).contains("Fit '" + fitId + "' does not exist");
                    });
            assertThatThrownBy(() -> plans.insert("vanished", fitId, request(), plan("vanished"), null))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND);
                        assertThat(e.getMessage()).contains("vanished");
                    });
            assertThat(plans.count(other)).isZero();
            assertThat(plans.count(PROJECT)).isZero();
        } finally {
            projects.delete(other);
            projects.delete(PROJECT);
        }
    }

    private Plan plan(String project) {
        return new Plan(project, fitId, "chinchilla", "compute-optimal", new Plan.Allocation(1e9, 2e10, 1.2e20, 20),
                new Plan.Uncertainty(new ApiEstimate(2.0, 1.9, 2.1), null, null, 0.9, new PlanResponse.Draws(10, 10),
                        "confidence", null),
                Plan.Spend.of(null), null, null, null, null, new PlanResponse.Extrapolation(1, null), List.of(), null,
                Plan.Routed.NONE, false, List.of("a caution"), null, null, null);
    }

    private PlanRequest request() {
        return new PlanRequest(fitId, "compute-optimal", new PlanRequest.Budget(1.2e20, null, null, null, null, null),
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = PlanRepositoryIT.class.getResourceAsStream("/plans/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
