package dev.scaleplan.web;

import java.io.File;
import java.time.Duration;

import dev.scaleplan.support.IntegrationTest;
import dev.scaleplan.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.testcontainers.postgresql.PostgreSQLContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Stops the real PostgreSQL under a running service: calls fail fast with 503 problem+json,
 * health is DOWN, and once the server is back the service recovers by itself with every
 * acknowledged run intact. It runs on every backend it can stop and start again at the same
 * address: the embedded server (same port and data directory) and the Testcontainers container
 * (fixed host port, {@code docker stop}/{@code start}); an external database is not this test's to stop.
 * Its own context ({@code scaleplan.test.context}) keeps the outage away from the other tests.
 */
@IntegrationTest
@TestPropertySource(properties = "scaleplan.test.context=outage")
class DatabaseOutageIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Autowired(required = false)
    EmbeddedPostgres embedded;

    @Autowired(required = false)
    PostgreSQLContainer container;

    /** A database server this test can stop and start again at the same address. */
    private interface Server extends AutoCloseable {
        void stop() throws Exception;

        void start() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    @Test
    void failsFastWhileTheDatabaseIsDownAndRecoversWithoutLosingRuns() throws Exception {
        Assumptions.assumeTrue(TestDatabase.backend(environment) != TestDatabase.Backend.EXTERNAL,
                "the tests use an external PostgreSQL (spring.datasource.url), which this test does not stop");
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"outage\", \"name\": \"Outage\"}")).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/outage/runs").contentType(MediaType.APPLICATION_JSON)
                .content("[{\"externalId\": \"r1\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5}]"))
                .andExpect(status().isCreated());

        try (Server server = server()) {
            server.stop();
            long started = System.nanoTime();
            MvcResult down = mvc.perform(get("/api/v1/projects/outage")).andReturn();
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertThat(down.getResponse().getStatus()).isEqualTo(503);
            assertThat(down.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(down.getResponse().getHeader("Retry-After")).isNotNull();
            assertThat(millis).as("fails fast").isLessThan(10_000);
            assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus()).isEqualTo(503);
            assertThat(mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse().getStatus())
                    .as("readiness includes the database").isEqualTo(503);

            server.start();
            await("the service recovering with the database").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> mvc.perform(get("/api/v1/projects/outage/runs")).andReturn().getResponse().getStatus(),
                            status -> status == 200);
            mvc.perform(get("/api/v1/projects/outage")).andExpect(status().isOk()).andExpect(jsonPath("$.runCount").value(1));
            mvc.perform(get("/actuator/health")).andExpect(status().isOk());
            mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        }
    }

    private Server server() {
        if (container != null) {
            return new Server() {
                @Override
                public void stop() {
                    container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
                }

                @Override
                public void start() {
                    container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
                }
            };
        }
        assertThat(embedded).as("the embedded PostgreSQL (no container, no external URL)").isNotNull();
        File dataDirectory = new File(jdbc.sql("SELECT current_setting('data_directory')").query(String.class).single());
        int port = embedded.getPort();
        return new Server() {
            private EmbeddedPostgres restarted;

            @Override
            public void stop() throws Exception {
                embedded.close();
            }

            @Override
            public void start() throws Exception {
                restarted = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                        .setPort(port).start();
            }

            @Override
            public void close() throws Exception {
                if (restarted != null) {
                    restarted.close();
                }
            }
        };
    }
}
