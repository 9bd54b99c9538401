package dev.scaleplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.scaleplan.jobs.FitJobIT;
import dev.scaleplan.support.AdminKey;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admission under attack (dataset comparisons, backtests and rate limits), on a real socket: a read key
 * cannot write through a comparison, cannot take every slot with backtests, and meets per-key and
 * per-project rate limits with the standard headers; health stays fast throughout.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionRedTeamIT {

    @Value("${local.server.port}")
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService clients = Executors.newFixedThreadPool(8);

    @AfterAll
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void aComparisonStoresNoFitNotEvenWhenItThenAnswers400AndLatestStaysTheProjectsOwn() throws Exception {
        String project = project("compare-nothing-stored", datasetsCsv(2));
        String read = key("compare-reader", "read");
        HttpResponse<String> own = send("POST", "/api/v1/projects/" + project + "/fits?wait=60", AdminKey.SECRET,
                "{\"form\": \"chinchilla\", \"bootstrap\": 0}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        long ownFit = json.readTree(own.body()).get("id").asLong();

        HttpResponse<String> missing = send("GET", "/api/v1/projects/" + project
                + "/datasets/comparison?parameters=1e9", read, null);
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(fits(project)).isEqualTo(1);

        HttpResponse<String> compared = send("GET", "/api/v1/projects/" + project + "/datasets/comparison", read, null);
        assertThat(compared.statusCode()).as(compared.body()).isEqualTo(200);
        assertThat(json.readTree(compared.body()).get("rows")).hasSize(2);
        assertThat(fits(project)).isEqualTo(1);
        HttpResponse<String> latest = send("GET", "/api/v1/projects/" + project + "/fits/latest", read, null);
        assertThat(json.readTree(latest.body()).get("id").asLong()).isEqualTo(ownFit);

        HttpResponse<String> again = send("GET", "/api/v1/projects/" + project + "/datasets/comparison", read, null);
        assertThat(json.readTree(again.body()).get("rows")).isEqualTo(json.readTree(compared.body()).get("rows"));
        assertThat(fits(project)).isEqualTo(1);
    }

    @Test
    void aComparisonOfManyDatasetsIsRefusedBeforeAnyFitUnlessItNamesAFew() throws Exception {
        String project = project("compare-many", datasetsCsv(13));
        String read = key("compare-many-reader", "read");
        long started = System.nanoTime();
        HttpResponse<String> refused = send("GET", "/api/v1/projects/" + project + "/datasets/comparison", read, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(json.readTree(refused.body()).get("reason").asString()).isEqualTo("too-many-datasets");
        assertThat((System.nanoTime() - started) / 1e6).as("ms to refuse").isLessThan(2000);

        HttpResponse<String> few = send("GET", "/api/v1/projects/" + project
                + "/datasets/comparison?datasets=d0,d1&form=kaplan", read, null);
        assertThat(few.statusCode()).as(few.body()).isEqualTo(200);
        assertThat(json.readTree(few.body()).get("rows")).hasSize(2);
        assertThat(fits(project)).isZero();
        assertThat(send("GET", "/api/v1/projects/" + project + "/datasets/comparison?datasets=d0,nope", read, null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void identicalConcurrentBacktestsShareOneComputationAndHealthStaysFast() throws Exception {
        String project = project("backtest-merged", FitJobIT.sweepCsv());
        String read = key("backtest-reader", "read");
        HttpResponse<String> fit = send("POST", "/api/v1/projects/" + project + "/fits?wait=60", AdminKey.SECRET,
                "{\"form\": \"chinchilla\", \"bootstrap\": 0}");
        assertThat(fit.statusCode()).as(fit.body()).isEqualTo(201);
        String path = "/api/v1/projects/" + project + "/fits/" + json.readTree(fit.body()).get("id").asLong()
                + "/backtest";

        List<CompletableFuture<HttpResponse<String>>> backtests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            backtests.add(CompletableFuture.supplyAsync(() -> send("GET", path, read, null), clients));
        }
        double slowestHealth = slowestHealthUntil(backtests);
        List<String> createdAt = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> backtest : backtests) {
            HttpResponse<String> response = backtest.join();
            // With one slot for expensive reads, a second computation would be a 503.
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            createdAt.add(json.readTree(response.body()).get("createdAt").asString());
        }
        assertThat(createdAt).as("one computation answers all four").containsOnly(createdAt.get(0));
        System.out.printf(Locale.ROOT, "health during 4 backtests: slowest %.1f ms (loaded machine)%n", slowestHealth);
        assertThat(slowestHealth).as("health, ms").isLessThan(1000);
    }

    @Test
    void anUploadThatLeavesABacktestsRunsAloneKeepsItsBacktest() throws Exception {
        StringBuilder csv = new StringBuilder("externalId,parameters,tokens,loss,dataset\n");
        FitJobIT.sweepCsv().lines().skip(1).forEach(line -> csv.append(line).append(",web\n"));
        String project = project("backtest-kept", csv.toString());
        HttpResponse<String> fit = send("POST", "/api/v1/projects/" + project + "/fits?wait=60", AdminKey.SECRET,
                "{\"form\": \"power-law-flops\", \"bootstrap\": 0, \"filter\": {\"dataset\": \"web\"}}");
        assertThat(fit.statusCode()).as(fit.body()).isEqualTo(201);
        String path = "/api/v1/projects/" + project + "/fits/" + json.readTree(fit.body()).get("id").asLong()
                + "/backtest";
        JsonNode first = json.readTree(send("GET", path, AdminKey.SECRET, null).body());

        HttpResponse<String> other = send("POST", "/api/v1/projects/" + project + "/runs", AdminKey.SECRET,
                "parameters,tokens,loss,dataset\n1e9,2e10,2.5,code\n", "text/csv");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        JsonNode second = json.readTree(send("GET", path, AdminKey.SECRET, null).body());
        assertThat(second.get("createdAt").asString()).as("not recomputed").isEqualTo(first.get("createdAt").asString());
        assertThat(second.get("dataRevision").asLong()).isGreaterThan(first.get("dataRevision").asLong());

        send("POST", "/api/v1/projects/" + project + "/runs", AdminKey.SECRET,
                "parameters,tokens,loss,dataset\n2e9,4e10,2.4,web\n", "text/csv");
        JsonNode third = json.readTree(send("GET", path, AdminKey.SECRET, null).body());
        assertThat(third.get("runs").asInt()).as("recomputed on the new web run").isEqualTo(first.get("runs").asInt() + 1);
    }

    @Test
    void aBacktestRefitsNoMoreRunsThanAFitMayUse() throws Exception {
        String project = project("backtest-large", FitJobIT.sweepCsv());
        HttpResponse<String> fit = send("POST", "/api/v1/projects/" + project + "/fits?wait=60", AdminKey.SECRET,
                "{\"form\": \"power-law-flops\", \"bootstrap\": 0}");
        assertThat(fit.statusCode()).as(fit.body()).isEqualTo(201);
        // Runs uploaded after the fit: the backtest refits the fit's filter on today's runs, over 50,000 of them
        // (distinct (N, D) pairs: an upload stores a run without externalId once per content).
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        for (int i = 0; i < 50_001; i++) {
            double n = 1e8 * (1 + i % 100);
            double d = 20 * n * (1 + i / 100);
            csv.append(String.format(Locale.ROOT, "%.6e,%.6e,%.6f%n", n, d, 1.8 + 400 / Math.pow(n, 0.34)
                    + 2000 / Math.pow(d, 0.36)));
        }
        HttpResponse<String> more = send("POST", "/api/v1/projects/" + project + "/runs", AdminKey.SECRET,
                csv.toString(), "text/csv");
        assertThat(more.statusCode()).as(more.body()).isEqualTo(201);

        HttpResponse<String> backtest = send("GET", "/api/v1/projects/" + project + "/fits/"
                + json.readTree(fit.body()).get("id").asLong() + "/backtest", AdminKey.SECRET, null);
        assertThat(backtest.statusCode()).as(backtest.body()).isEqualTo(422);
        assertThat(json.readTree(backtest.body()).get("detail").asString()).contains("at most 50000 are allowed");
        send("DELETE", "/api/v1/projects/" + project, AdminKey.SECRET, null);
    }

    @Test
    void exportsAreRateLimitedPerKeyAndPerProjectWithRateLimitHeadersAndRetryAfter() throws Exception {
        String project = project("export-limits", FitJobIT.sweepCsv());
        String first = key("exporter-1", "read");
        String path = "/api/v1/projects/" + project + "/runs/export";
        HttpResponse<String> allowed = null;
        for (int i = 0; i < 10; i++) {
            allowed = send("GET", path, first, null);
            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        }
        assertThat(allowed.headers().firstValue("RateLimit-Policy")).hasValue(
                "\"exports-key\";q=10;w=60, \"exports-project\";q=20;w=60");
        assertThat(allowed.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"exports-key\";r=0;t=");

        // A token comes back every 6 s (10 per minute, refilled evenly): on a slow machine one or two may have.
        HttpResponse<String> refused = untilRefused(path, first, 3);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 6L);
        assertThat(refused.headers().firstValue("RateLimit")).isPresent();
        assertThat(json.readTree(refused.body()).get("limit").asString()).isEqualTo("exports-key");
        // The CSV listing of runs is an export too.
        HttpResponse<String> listing = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/projects/" + project + "/runs")).header("Authorization", "Bearer " + first)
                .header("Accept", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listing.statusCode()).isEqualTo(429);

        String second = key("exporter-2", "read");
        for (int i = 0; i < 10; i++) {
            assertThat(send("GET", path, second, null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> projectSpent = untilRefused(path, key("exporter-3", "read"), 3);
        assertThat(json.readTree(projectSpent.body()).get("limit").asString()).isEqualTo("exports-project");
        // Other reads are not limited, and an operator's admin key is not rate limited.
        assertThat(send("GET", "/api/v1/projects/" + project, first, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", path, AdminKey.SECRET, null).statusCode()).isEqualTo(200);
    }

    /** The first 429 within {@code extra} more requests (tokens refilled meanwhile), failing if none comes. */
    private HttpResponse<String> untilRefused(String path, String key, int extra) {
        for (int i = 0; i <= extra; i++) {
            HttpResponse<String> response = send("GET", path, key, null);
            if (response.statusCode() == 429) {
                return response;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        throw new AssertionError("no 429 within " + extra + " requests beyond the limit");
    }

    private double slowestHealthUntil(List<CompletableFuture<HttpResponse<String>>> work) {
        double slowest = 0;
        while (work.stream().anyMatch(f -> !f.isDone())) {
            long started = System.nanoTime();
            HttpResponse<String> health = send("GET", "/actuator/health/readiness", null, null);
            assertThat(health.statusCode()).isEqualTo(200);
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1e6);
        }
        return slowest;
    }

    private long fits(String project) {
        return jdbc.sql("SELECT count(*) FROM fit WHERE project_id = :project").param("project", project)
                .query(Long.class).single();
    }

    /** Runs of {@code count} datasets d0, d1, … from one law, each dataset's data term scaled a little. */
    private static String datasetsCsv(int count) {
        StringBuilder csv = new StringBuilder("parameters,tokens,loss,dataset\n");
        Random random = new Random(5);
        for (int k = 0; k < count; k++) {
            double quality = 1 - 0.02 * k;
            for (double n = 5e7; n <= 3e9; n *= 2.8) {
                for (double perParameter : new double[] {5, 10, 20, 40, 80}) {
                    double d = n * perParameter;
                    double loss = (1.8172 + 482.01 / Math.pow(n, 0.3478) + 2085.43 * quality / Math.pow(d, 0.3658))
                            * Math.exp(0.005 * random.nextGaussian());
                    csv.append(String.format(Locale.ROOT, "%.6e,%.6e,%.6f,d%d%n", n, d, loss, k));
                }
            }
        }
        return csv.toString();
    }

    private String project(String id, String csv) throws Exception {
        send("DELETE", "/api/v1/projects/" + id, AdminKey.SECRET, null);
        HttpResponse<String> created = send("POST", "/api/v1/projects", AdminKey.SECRET,
                "{\"id\": \"" + id + "\", \"name\": \"Admission\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> runs = send("POST", "/api/v1/projects/" + id + "/runs", AdminKey.SECRET, csv, "text/csv");
        assertThat(runs.statusCode()).as(runs.body()).isEqualTo(201);
        return id;
    }

    private String key(String name, String scope) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/keys", AdminKey.SECRET,
                "{\"name\": \"" + name + "\", \"scopes\": [\"" + scope + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("secret").asString();
    }

    private HttpResponse<String> send(String method, String path, String key, String body) {
        return send(method, path, key, body, "application/json");
    }

    private HttpResponse<String> send(String method, String path, String key, String body, String type) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", type).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
