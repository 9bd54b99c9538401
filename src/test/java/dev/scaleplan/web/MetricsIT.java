package dev.scaleplan.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.scaleplan.support.IntegrationTest;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Metric names follow one scheme, {@code scaleplan.<noun-plural>.<measure>}, and HTTP latency and fit
 * duration are histograms, so that Prometheus can compute p99 with {@code histogram_quantile}.
 */
@IntegrationTest
class MetricsIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry meters;

    @Test
    void namesFollowOneSchemeAndLatenciesAreHistograms() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"metrics\", \"name\": \"Metrics\"}")).andExpect(status().isCreated());
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        for (double n = 1e8; n <= 1e10; n *= 2.5) {
            for (double ratio : new double[] {5, 20, 80}) {
                double d = n * ratio;
                csv.append(n).append(',').append(d).append(',')
                        .append(BESIROGLU.loss(n, d)).append('\n');
            }
        }
        mvc.perform(post("/api/v1/projects/metrics/runs").contentType("text/csv").content(csv.toString()))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/metrics/fits").contentType(MediaType.APPLICATION_JSON)
                .content("{\"form\": \"chinchilla\", \"bootstrap\": 10}")).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/metrics/plans").contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e22}}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/metrics/plans").contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"target-loss\", \"targetLoss\": 0.5}")).andExpect(status().is(422));

        String scrape = mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(scrape).contains("scaleplan_runs_ingested_total{", "scaleplan_fits_waiting{",
                "scaleplan_plans_made_total{", "scaleplan_plans_rejected_total{")
                .containsPattern("scaleplan_fits_duration_seconds_bucket\\{[^}]*form=\"chinchilla\"[^}]*le=\"")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"");

        List<String> ours = meters.getMeters().stream().map(Meter::getId).map(Meter.Id::getName)
                .filter(name -> name.startsWith("scaleplan")).distinct().sorted().toList();
        assertThat(ours).contains("scaleplan.runs.ingested", "scaleplan.fits.duration", "scaleplan.fits.waiting",
                "scaleplan.plans.made", "scaleplan.plans.rejected");
        assertThat(ours).as("scaleplan.<noun-plural>.<measure>")
                .allMatch(name -> name.matches("scaleplan\\.[a-z]+s(\\.[a-z]+)+"))
                .as("Prometheus drops a _created suffix (reserved for creation timestamps)")
                .noneMatch(name -> name.endsWith(".created"));
        assertThat(meters.getMeters().stream().flatMap(meter -> meter.getId().getTags().stream())
                .map(tag -> tag.getKey()).distinct())
                .as("no per-project tags").doesNotContain("project", "projectId");
    }

    @Test
    void aConflictingUploadCountsAsRejected() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"metrics-conflict\", \"name\": \"Conflict\"}")).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/metrics-conflict/runs").contentType(MediaType.APPLICATION_JSON)
                .content("[{\"externalId\": \"a\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 3.1}]"))
                .andExpect(status().isCreated());
        double before = rejectedJsonUploads();

        mvc.perform(post("/api/v1/projects/metrics-conflict/runs").contentType(MediaType.APPLICATION_JSON)
                .content("[{\"externalId\": \"a\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 3.2}]"))
                .andExpect(status().isConflict());

        assertThat(rejectedJsonUploads()).isEqualTo(before + 1);
    }

    private double rejectedJsonUploads() {
        io.micrometer.core.instrument.Counter counter = meters.find("scaleplan.runs.ingested").tag("format", "json")
                .tag("outcome", "rejected").counter();
        return counter == null ? 0 : counter.count();
    }
}
