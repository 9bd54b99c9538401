package dev.scaleplan.web;

import java.io.File;
import java.time.Duration;

import dev.scaleplan.support.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Stops the real PostgreSQL under a running service: calls fail fast with 503 problem+json,
 * health is DOWN, and once the server is back the service recovers by itself with every
 * acknowledged run intact. It needs the embedded server, which it stops and starts on the same
 * port and data directory; against an external database it is skipped.
 */
@IntegrationTest
@TestPropertySource(properties = "scaleplan.test.context=outage")
class DatabaseOutageIT {

    @Autowired
    MockMvc mvc;

    @Autowired(required = false)
    EmbeddedPostgres postgres;

    @Value("${scaleplan.embedded-database.data-directory}")
    File dataDirectory;

    @Test
    void failsFastWhileTheDatabaseIsDownAndRecoversWithoutLosingRuns() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(postgres != null, "needs the embedded PostgreSQL");
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"outage\", \"name\": \"Outage\"}")).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/outage/runs").contentType(MediaType.APPLICATION_JSON)
                .content("[{\"externalId\": \"r1\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5}]"))
                .andExpect(status().isCreated());
        int port = postgres.getPort();

        postgres.close();
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

        try (EmbeddedPostgres restarted = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false).setPort(port).start()) {
            int status = 0;
            for (int attempt = 0; attempt < 30 && status != 200; attempt++) {
                status = mvc.perform(get("/api/v1/projects/outage/runs")).andReturn().getResponse().getStatus();
                if (status != 200) {
                    Thread.sleep(500);
                }
            }
            assertThat(status).isEqualTo(200);
            mvc.perform(get("/api/v1/projects/outage")).andExpect(status().isOk())
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.runCount")
                            .value(1));
            mvc.perform(get("/actuator/health")).andExpect(status().isOk());
            mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        }
    }
}
