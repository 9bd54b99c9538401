package dev.scaleplan.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.scaleplan.support.AdminKey;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests waiting for their fit ({@code POST /fits?wait=}) hold no Tomcat worker: with two workers,
 * twelve waiting clients leave the service answering liveness probes and reads, and all twelve are
 * answered the moment their jobs end.
 */
@IntegrationTest
@TestPropertySource(properties = {"server.tomcat.threads.max=2", "scaleplan.fitting.jobs.max-waiting=64"})
class FitWaitThreadsIT {

    private static final String PROJECT = "fit-wait-threads";
    private static final int WAITING = 12;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;
    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void waitingClientsLeaveTheWorkersFreeAndAreAnsweredWhenTheirJobsEnd() throws Exception {
        assertThat(send("POST", "/api/v1/projects", "{\"id\": \"" + PROJECT + "\", \"name\": \"Waits\"}").statusCode())
                .isEqualTo(201);
        assertThat(send("POST", "/api/v1/projects/" + PROJECT + "/runs", FitJobIT.sweepCsv(), "text/csv").statusCode())
                .isEqualTo(201);
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        try (FitJobPause paused = FitJobPause.pause(context)) {
            for (int i = 0; i < WAITING; i++) {
                waiting.add(http.sendAsync(request("POST", "/api/v1/projects/" + PROJECT + "/fits?wait=60",
                        "{\"form\": \"power-law-flops\", \"seed\": " + i + "}", "application/json"),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // Every job is queued and its client still waits, yet the two workers answer reads and probes.
            await().atMost(Duration.ofSeconds(30)).until(() -> queued() == WAITING);
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            }
            assertThat(waiting).noneMatch(CompletableFuture::isDone);

            // Cancelling the jobs ends every wait at once (the in-process callback), long before the 60 s.
            long cancelledAt = System.nanoTime();
            assertThat(send("DELETE", "/api/v1/projects/" + PROJECT + "/fit-jobs?status=queued", null).statusCode())
                    .isEqualTo(200);
            for (CompletableFuture<HttpResponse<String>> request : waiting) {
                HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                JsonNode job = JSON.readTree(response.body());
                assertThat(job.get("status").asString()).isEqualTo("cancelled");
                assertThat(response.headers().firstValue("Location")).hasValue(
                        "/api/v1/projects/" + PROJECT + "/fit-jobs/" + job.get("id").asLong());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(30));
        }
    }

    private int queued() {
        HttpResponse<String> response = send("GET", "/api/v1/projects/" + PROJECT + "/fit-jobs?status=queued", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).get("totalElements").asInt();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return send(method, path, body, "application/json");
    }

    private HttpResponse<String> send(String method, String path, String body, String type) {
        try {
            return http.send(request(method, path, body, type), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String method, String path, String body, String type) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + AdminKey.SECRET).header("Content-Type", type)
                .timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
