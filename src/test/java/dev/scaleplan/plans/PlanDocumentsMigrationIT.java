package dev.scaleplan.plans;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import dev.scaleplan.support.RepositorySliceTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * V43 turns a plan's stored documents from jsonb into text: plans stored before it must read back the same, in a
 * schema of their own migrated to V42, given a plan as jsonb, then migrated on.
 */
@RepositorySliceTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class PlanDocumentsMigrationIT {

    private static final String SCHEMA = "plan_documents_migration";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void dropSchema() {
        jdbc.sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").update();
    }

    @Test
    void aPlanStoredAsJsonbBeforeV43ReadsBackAsTheSameJsonText() {
        migrate("42");
        jdbc.sql("INSERT INTO " + SCHEMA + ".project (id, name) VALUES ('p', 'P')").update();
        long fit = jdbc.sql("INSERT INTO " + SCHEMA + ".fit (project_id, form, data_revision, objective, runs_used,"
                + " duration_ms, request, result) VALUES ('p', 'chinchilla', 0, 0.01, 10, 1, '{}', '{}') RETURNING id")
                .query(Long.class).single();
        jdbc.sql("INSERT INTO " + SCHEMA + ".plan (project_id, fit_id, objective, request, result) VALUES ('p', :fit,"
                + " 'compute-optimal', CAST('{\"objective\": \"compute-optimal\"}' AS jsonb),"
                + " CAST('{\"version\": 2, \"allocation\": {\"parameters\": 70000000000}}' AS jsonb))")
                .param("fit", fit).update();

        migrate("43");

        assertThat(jdbc.sql("SELECT data_type FROM information_schema.columns WHERE table_schema = :schema"
                        + " AND table_name = 'plan' AND column_name IN ('request', 'result')")
                .param("schema", SCHEMA).query(String.class).list()).containsOnly("text");
        assertThat(jdbc.sql("SELECT result FROM " + SCHEMA + ".plan").query(String.class).single())
                .isEqualTo("{\"version\": 2, \"allocation\": {\"parameters\": 70000000000}}");
        assertThat(jdbc.sql("SELECT request FROM " + SCHEMA + ".plan").query(String.class).single())
                .isEqualTo("{\"objective\": \"compute-optimal\"}");
    }

    private void migrate(String target) {
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).defaultSchema(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration").target(target).load().migrate();
    }
}
