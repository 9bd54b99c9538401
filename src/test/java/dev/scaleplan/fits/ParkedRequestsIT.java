package dev.scaleplan.fits;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.scaleplan.runs.RunsApi;
import dev.scaleplan.support.AdminKey;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Plans and predictions that need a fit's backtest wait for it without a request thread: with the
 * backtest held back (its store waits on a lock in PostgreSQL), three times as many of them as Tomcat has threads
 * are in flight, and the liveness probe still answers at once; when the backtest is stored, every one
 * of them is answered with the calibrated band from that one computation. Plans on a project without a
 * fit likewise wait together for its one first fit.
 */
@IntegrationTest
class ParkedRequestsIT {

    private static final int WORKERS = 4 * Runtime.getRuntime().availableProcessors();

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BacktestGate gate;

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void requestsWaitingForTheBacktestHoldNoRequestThread() throws Exception {
        String project = projectWithSweep("parked", 11);
        long fitId = RunsApi.json(mvc.perform(post(RunsApi.PROJECTS + "/" + project + "/fits")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"form\": \"chinchilla\", \"bootstrap\": 20}"))
                .andExpect(status().isCreated()).andReturn()).get("id").asLong();
        String fit = RunsApi.PROJECTS + "/" + project + "/fits/" + fitId;

        List<CompletableFuture<HttpResponse<String>>> answers;
        try (Connection lock = dataSource.getConnection(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE fit_backtest IN SHARE MODE"); // reads pass, the store waits
            answers = IntStream.range(0, 3 * WORKERS).mapToObj(i -> i % 2 == 0
                    ? send(HttpRequest.newBuilder(uri(RunsApi.PROJECTS + "/" + project + "/plans"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"objective\": \"compute-optimal\", "
                                    + "\"fitId\": " + fitId + ", \"budget\": {\"flops\": 1e23}}")))
                    : send(HttpRequest.newBuilder(uri(fit + "/prediction?flops=1e23")).GET())).toList();
            await().atMost(Duration.ofSeconds(20)).until(() -> gate.computing() == 1);

            HttpResponse<String> live = client.send(HttpRequest.newBuilder(uri("/actuator/health/liveness"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(answers).noneMatch(CompletableFuture::isDone);
            assertThat(gate.computing()).isEqualTo(1);
            lock.rollback();
        }

        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> answer = answers.get(i).get();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(i % 2 == 0 ? 201 : 200);
            JsonNode body = RunsApi.json(answer.body());
            assertThat(body.get("band").asString()).as(answer.body()).isEqualTo("calibrated");
        }
        assertThat(gate.computing()).isZero();
    }

    @Test
    void plansOnAProjectWithoutAFitWaitForOneFirstFitTogether() throws Exception {
        String project = projectWithSweep("first-fit", 13);

        List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, WORKERS + 2).mapToObj(i ->
                send(HttpRequest.newBuilder(uri(RunsApi.PROJECTS + "/" + project + "/plans"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"objective\": \"compute-optimal\", "
                                + "\"band\": \"confidence\", \"budget\": {\"flops\": 1e22}}")))).toList();
        HttpResponse<String> live = client.send(HttpRequest.newBuilder(uri("/actuator/health/liveness"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(200);

        long fitId = -1;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> plan = answer.get();
            assertThat(plan.statusCode()).as(plan.body()).isEqualTo(201);
            long planFit = RunsApi.json(plan.body()).get("fitId").asLong();
            assertThat(fitId == -1 || planFit == fitId).as("every plan uses the one first fit").isTrue();
            fitId = planFit;
        }
        assertThat(api().getJson(RunsApi.PROJECTS + "/" + project + "/fits").get("totalElements").asLong()).isEqualTo(1);
    }

    /** A new project with an IsoFLOP sweep of 63 runs ({@link CalibrationIT#sweep}). */
    private String projectWithSweep(String prefix, long seed) throws Exception {
        String project = api().createProject(prefix);
        api().uploadCsv(project, CalibrationIT.sweep(seed)).andExpect(status().isCreated());
        return project;
    }

    private RunsApi api() {
        return new RunsApi(mvc, jdbc);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
        return client.sendAsync(request.header("Authorization", "Bearer " + AdminKey.SECRET)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
