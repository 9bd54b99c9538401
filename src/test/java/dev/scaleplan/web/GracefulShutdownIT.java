package dev.scaleplan.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.scaleplan.ScaleplanApplication;
import dev.scaleplan.support.AdminKey;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping the service lets an in-flight request (a long fit) finish and be stored. */
class GracefulShutdownIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void inFlightFitCompletesWhenTheServiceStops() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ScaleplanApplication.class)
                .run("--server.port=0", "--scaleplan.embedded-database.temporary=true",
                        "--scaleplan.security.bootstrap-key=" + AdminKey.SECRET);
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        String base = "http://localhost:" + port + "/api/v1/projects";
        assertThat(send(base, "application/json", "{\"id\": \"shutdown\", \"name\": \"Shutdown\"}").statusCode())
                .isEqualTo(201);
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        for (double n = 7e7; n <= 1.6e10; n *= 1.8) {
            for (double ratio = 5; ratio <= 80; ratio *= 2) {
                double d = n * ratio;
                csv.append(n).append(',').append(d).append(',')
                        .append(BESIROGLU.loss(n, d)).append('\n');
            }
        }
        assertThat(send(base + "/shutdown/runs", "text/csv", csv.toString()).statusCode()).isEqualTo(201);

        CompletableFuture<HttpResponse<String>> fit = CompletableFuture.supplyAsync(() -> {
            try {
                return send(base + "/shutdown/fits", "application/json", "{\"form\": \"kaplan\", \"bootstrap\": 1000}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Stop only once the fit is being computed, so the stop really meets a request in flight.
        JdbcClient database = context.getBean(JdbcClient.class);
        await("the fit running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> database.sql("SELECT count(*) FROM fit_job WHERE status = 'running'").query(Long.class)
                        .single(), running -> running > 0);
        context.close();

        HttpResponse<String> response = fit.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private HttpResponse<String> send(String url, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + AdminKey.SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
