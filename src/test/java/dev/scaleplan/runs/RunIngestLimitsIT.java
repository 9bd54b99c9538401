package dev.scaleplan.runs;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import static dev.scaleplan.runs.RunIngestIT.problem;
import static dev.scaleplan.runs.RunsApi.runsPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Upload limits, made small for this class (its own application context): a body over
 * {@code max-body-bytes} or a batch over {@code max-runs-per-upload} is a 413 problem and stores nothing,
 * whether or not the client announced a Content-Length.
 */
@IntegrationTest
@TestPropertySource(properties = {"scaleplan.ingest.max-body-bytes=4KB", "scaleplan.ingest.max-runs-per-upload=5"})
class RunIngestLimitsIT {

    private static final int LIMIT = 4096;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    RunsApi api;

    @BeforeEach
    void setUp() {
        api = new RunsApi(mvc, jdbc);
    }

    /** A JSON array of at most five runs padded with long externalIds to about {@code bytes} bytes. */
    private static String paddedJson(int bytes) {
        String pad = "p".repeat(Math.max(1, Math.min(190, bytes / 5 - 60)));
        StringBuilder body = new StringBuilder("[");
        for (int i = 1; i <= 5; i++) {
            body.append(i > 1 ? "," : "").append(RunsApi.run(i + pad, 2.5));
        }
        body.append(']');
        while (body.length() < bytes) {
            body.append(' ');
        }
        return body.toString();
    }

    @Test
    void acceptsBodyUnderTheByteLimit() throws Exception {
        String project = api.createProject("limit-ok");
        String body = paddedJson(LIMIT - 100);
        assertThat(body.length()).isLessThan(LIMIT);
        api.uploadJson(project, body).andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(5));
    }

    @Test
    void rejectsJsonBodyOverTheByteLimitWith413() throws Exception {
        String project = api.createProject("limit-json");
        api.uploadJson(project, paddedJson(LIMIT + 1))
                .andExpect(problem(413, "payload-too-large"))
                .andExpect(jsonPath("$.detail", containsString(String.valueOf(LIMIT))));
        assertThat(api.storedRuns(project)).isZero();
        assertThat(api.revision(project)).isZero();
    }

    @Test
    void rejectsCsvBodyOverTheByteLimitWith413() throws Exception {
        String project = api.createProject("limit-csv");
        String body = "externalId,parameters,tokens,loss\n" + ("x".repeat(5000)) + ",1e8,2e9,2.5\n";
        api.uploadCsv(project, body).andExpect(problem(413, "payload-too-large"));
        assertThat(api.storedRuns(project)).isZero();
    }

    @Test
    void rejectsJsonBatchWithMoreRunsThanAllowedWith413() throws Exception {
        String project = api.createProject("limit-runs");
        api.uploadJson(project, RunsApi.runs("r", 5)).andExpect(status().isCreated());
        api.uploadJson(project, RunsApi.runs("s", 6))
                .andExpect(problem(413, "payload-too-large"))
                .andExpect(jsonPath("$.detail", containsString("at most 5 runs")));
        assertThat(api.storedRuns(project)).isEqualTo(5);
    }

    @Test
    void rejectsCsvBatchWithMoreRunsThanAllowedWith413() throws Exception {
        String project = api.createProject("limit-csv-runs");
        api.uploadCsv(project, "parameters,tokens,loss\n" + "1e8,2e9,2.5\n".repeat(6))
                .andExpect(problem(413, "payload-too-large"));
        assertThat(api.storedRuns(project)).isZero();
    }

    private HttpResponse<String> postChunked(String project, String contentType, byte[] body) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + runsPath(project)))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + dev.scaleplan.support.AdminKey.SECRET)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsChunkedBodyOverTheByteLimitWithoutContentLengthWith413() throws Exception {
        String project = api.createProject("limit-chunked");
        byte[] body = ("parameters,tokens,loss\n" + "1e8,2e9,2.5\n".repeat(8_000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = postChunked(project, "text/csv", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        JsonNode problem = RunsApi.json(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://scaleplan.dev/problems/payload-too-large");
        assertThat(api.storedRuns(project)).isZero();
    }

    @Test
    void rejectsChunkedJsonBodyOverTheByteLimitWith413() throws Exception {
        String project = api.createProject("limit-chunked-json");
        HttpResponse<String> response = postChunked(project, "application/json",
                paddedJson(LIMIT * 3).getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(api.storedRuns(project)).isZero();
    }

    @Test
    void acceptsChunkedBodyUnderTheByteLimit() throws Exception {
        String project = api.createProject("limit-chunked-ok");
        HttpResponse<String> response = postChunked(project, "text/csv",
                "parameters,tokens,loss\n1e8,2e9,2.5\n2e8,4e9,2.4\n".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(api.storedRuns(project)).isEqualTo(2);
    }
}
