package dev.scaleplan.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import dev.scaleplan.ScaleplanApplication;
import dev.scaleplan.support.AdminKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas of the service (two application contexts on their own ports, in this JVM) on one
 * PostgreSQL: fit jobs are shared, each runs once, and a job whose replica dies mid-fit is finished
 * by the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROJECT = "two-replicas";
    private static EmbeddedPostgres postgres;
    private static final Map<String, ConfigurableApplicationContext> replicas = new java.util.LinkedHashMap<>();
    private static JdbcClient database;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPostgresAndTwoReplicas() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("scaleplan-two-pgdata"))
                .setCleanDataDirectory(true).start();
        for (String name : List.of("replica-a", "replica-b")) {
            replicas.put(name, new SpringApplicationBuilder(ScaleplanApplication.class).run("--server.port=0",
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                    "--scaleplan.security.bootstrap-key=" + AdminKey.SECRET,
                    "--scaleplan.fitting.jobs.instance-name=" + name,
                    "--scaleplan.fitting.jobs.polling-interval=300ms",
                    "--scaleplan.fitting.jobs.heartbeat-interval=300ms",
                    "--scaleplan.fitting.jobs.missed-heartbeats=4",
                    "--scaleplan.fitting.jobs.shutdown-grace=0s"));
        }
        database = replicas.get("replica-a").getBean(JdbcClient.class);
    }

    @AfterAll
    static void stopAll() throws Exception {
        replicas.values().forEach(ConfigurableApplicationContext::close);
        postgres.close();
    }

    @Test
    @Order(1)
    void twentyJobsSubmittedToBothReplicasEachRunOnceAndBothDoWork() throws Exception {
        List<String> names = new ArrayList<>(replicas.keySet());
        send(names.get(0), "POST", "/api/v1/projects", "{\"id\": \"" + PROJECT + "\", \"name\": \"Two\"}");
        HttpResponse<String> upload = http.send(request(names.get(0), "/api/v1/projects/" + PROJECT + "/runs")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(FitJobIT.sweepCsv()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).isEqualTo(201);

        List<String> locations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> accepted = send(names.get(i % 2), "POST", "/api/v1/projects/" + PROJECT + "/fits?wait=0",
                    "{\"form\": \"power-law-flops\", \"bootstrap\": 200, \"seed\": " + i + "}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            locations.add(accepted.headers().firstValue("Location").orElseThrow());
        }

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < locations.size(); i++) {
            JsonNode job = poll(names.get((i + 1) % 2), locations.get(i), 180);
            assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
            assertThat(job.get("attempts").asInt()).isEqualTo(1);
            ids.add(job.get("id").asLong());
        }
        Set<String> executedBy = new HashSet<>(database.sql("SELECT executed_by FROM fit_job WHERE id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new)).query(String.class).list());
        assertThat(executedBy).containsExactlyInAnyOrder("replica-a", "replica-b");
        assertThat(database.sql("SELECT count(*) FROM fit WHERE project_id = :p").param("p", PROJECT)
                .query(Long.class).single()).isEqualTo(20);
        assertThat(database.sql("SELECT count(*) FROM scheduled_tasks").query(Long.class).single()).isZero();
    }

    @Test
    @Order(2)
    void aKeyRevokedOnOneReplicaStopsWorkingOnTheOtherWithinFiveSeconds() throws Exception {
        HttpResponse<String> created = send("replica-a", "POST", "/api/v1/keys",
                "{\"name\": \"revoked-soon\", \"scopes\": [\"read\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode key = JSON.readTree(created.body());
        String secret = key.get("secret").asString();
        assertThat(getWithKey("replica-b", secret)).isEqualTo(200); // now cached on replica b

        assertThat(send("replica-a", "DELETE", "/api/v1/keys/" + key.get("key").get("id").asLong(), null).statusCode())
                .isEqualTo(204);
        long revoked = System.nanoTime();
        assertThat(getWithKey("replica-a", secret)).as("at once on the revoking replica").isEqualTo(401);
        await("revocation reaching the other replica").atMost(Duration.ofMillis(5_500)).pollInterval(Duration.ofMillis(50))
                .until(() -> getWithKey("replica-b", secret), status -> status == 401);
        System.out.printf("revocation reached the other replica after %.2f s%n", (System.nanoTime() - revoked) / 1e9);
    }

    private int getWithKey(String replica, String secret) throws Exception {
        int port = replicas.get(replica).getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/projects/" + PROJECT))
                .header("Authorization", "Bearer " + secret).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    @Order(3)
    void aJobWhoseReplicaDiesMidFitIsFinishedByTheOther() throws Exception {
        HttpResponse<String> accepted = send("replica-a", "POST", "/api/v1/projects/" + PROJECT + "/fits?wait=0",
                "{\"form\": \"chinchilla\", \"bootstrap\": 1000}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        long jobId = JSON.readTree(accepted.body()).get("id").asLong();
        String victim = await("the job started").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> database.sql("SELECT executed_by FROM fit_job WHERE id = :id AND status = 'running'")
                        .param("id", jobId).query(String.class).optional().orElse(null), java.util.Objects::nonNull);
        String survivor = victim.equals("replica-a") ? "replica-b" : "replica-a";
        database = replicas.get(survivor).getBean(JdbcClient.class);

        // A crash: the victim's connections drop (nothing more it does reaches the database), then it stops.
        ConfigurableApplicationContext dying = replicas.remove(victim);
        dying.getBean(HikariDataSource.class).close();
        dying.close();

        JsonNode job = poll(survivor, location, 180);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("attempts").asInt()).isEqualTo(2);
        assertThat(database.sql("SELECT executed_by FROM fit_job WHERE id = :id").param("id", jobId)
                .query(String.class).single()).isEqualTo(survivor);
    }

    /** The job once it is no longer queued or running, polled every 100 ms. */
    private JsonNode poll(String replica, String location, int seconds) {
        return await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = send(replica, "GET", location, null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }, job -> !Set.of("queued", "running").contains(job.get("status").asString()));
    }

    private HttpResponse<String> send(String replica, String method, String path, String body) throws Exception {
        HttpRequest.Builder builder = request(replica, path).header("Content-Type", "application/json");
        builder = body == null ? builder.method(method, HttpRequest.BodyPublishers.noBody())
                : builder.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String replica, String path) {
        int port = replicas.get(replica).getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + AdminKey.SECRET);
    }
}
