package dev.scaleplan.fits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.scaleplan.projects.CreateProjectRequest;
import dev.scaleplan.projects.ProjectService;
import dev.scaleplan.support.RepositorySliceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Stored fits on PostgreSQL alone: whole and summary reads of one insert. */
@RepositorySliceTest
class FitRepositoryIT {

    private static final String PROJECT = "fit-repository";

    @Autowired
    FitRepository fits;

    @Autowired
    ProjectService projects;

    @Autowired
    JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void project() {
        projects.create(new CreateProjectRequest(PROJECT, "Fits", null, 6.0, null, null));
    }

    @Test
    void aLawFitReadsBackWholeAndAsASummaryWithoutItsBulk() throws IOException {
        FitRequest request = json.readValue(fixture("fit-request-v1.json"), FitRequest.class);
        FitDocument document = fits.readDocument(fixture("fit-result-v1.json"), request);

        StoredFit stored = fits.insert(new StoredFit.LawFit(StoredFit.Header.unsaved(PROJECT, 3, 840, request), document));

        assertThat(stored.header().id()).isPositive();
        assertThat(stored.header().createdAt()).isNotNull();
        StoredFit.LawFit whole = (StoredFit.LawFit) fits.find(PROJECT, stored.header().id()).orElseThrow();
        assertThat(whole.document().toFit()).isEqualTo(document.toFit());
        assertThat(whole.header().dataRevision()).isEqualTo(3);
        StoredFit.LawFit summary = (StoredFit.LawFit) fits.findSummary(PROJECT, stored.header().id()).orElseThrow();
        assertThat(summary.document().draws()).isNull();
        assertThat(summary.document().residuals()).isNull();
        assertThat(summary.document().spans()).isEqualTo(document.spans());
        assertThat(summary.document().quality()).isEqualTo(document.quality());
        assertThat(fits.latestSummary(PROJECT, "chinchilla")).get()
                .satisfies(latest -> assertThat(latest.header().id()).isEqualTo(stored.header().id()));
        rawFit("chinchilla", "{\"target\": \"hellaswag\"}");
        assertThat(fits.latestSummary(PROJECT, "chinchilla")).as("a fit of a task's loss is not the newest").get()
                .satisfies(latest -> assertThat(latest.header().id()).isEqualTo(stored.header().id()));
        String column = jdbc.sql("SELECT result::text FROM fit WHERE id = :id").param("id", stored.header().id())
                .query(String.class).single();
        assertThat(json.readTree(column).has("rmseLogLoss")).as("stored flat").isTrue();
        assertThat(json.readTree(column).has("quality")).isFalse();
    }

    @Test
    void theNewestFitOfAFormLeavesOutFitsOfATaskAndFormsWithoutAny() {
        long older = rawFit("chinchilla", "{}");
        long newest = rawFit("chinchilla", "{}");
        long ofATask = rawFit("chinchilla", "{\"target\": \"hellaswag\"}");

        assertThat(ofATask).isGreaterThan(newest).isGreaterThan(older);
        assertThat(fits.latestIds(PROJECT, List.of("isoflop", "chinchilla")))
                .isEqualTo(Map.of("chinchilla", newest));
        assertThat(fits.latestSummary(PROJECT, "isoflop")).isEmpty();
    }

    private long rawFit(String form, String request) {
        return jdbc.sql("""
                        INSERT INTO fit (project_id, form, data_revision, objective, runs_used, duration_ms, request, result)
                        VALUES (:project, :form, 0, 0.01, 10, 1, CAST(:request AS jsonb), '{}') RETURNING id""")
                .param("project", PROJECT).param("form", form).param("request", request).query(Long.class).single();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = FitRepositoryIT.class.getResourceAsStream("/fits/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
