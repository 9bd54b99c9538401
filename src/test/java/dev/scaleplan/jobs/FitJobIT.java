package dev.scaleplan.jobs;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.scaleplan.support.IntegrationTest;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
public class FitJobIT {

    private static final String PROJECT = "fit-jobs";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @BeforeEach
    void projectWithRuns() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"" + PROJECT + "\", \"name\": \"Fit jobs\"}"));
        mvc.perform(post("/api/v1/projects/" + PROJECT + "/runs").contentType("text/csv").content(sweepCsv()));
    }

    /** 60 runs from Besiroglu et al.'s law, with external ids so that re-sending them is a no-op. */
    public static String sweepCsv() {
        StringBuilder csv = new StringBuilder("externalId,parameters,tokens,loss\n");
        int i = 0;
        for (double n = 7e7; n <= 1.6e10; n *= 1.8) {
            for (double ratio = 5; ratio <= 80; ratio *= 2) {
                double d = n * ratio;
                csv.append("r").append(i++).append(',').append(n).append(',').append(d).append(',')
                        .append(BESIROGLU.loss(n, d)).append('\n');
            }
        }
        return csv.toString();
    }

    @Test
    void withoutWaitingAnswersTheJobAtOnceAndTheJobEndsWithTheFit() throws Exception {
        MvcResult accepted = mvc.perform(post("/api/v1/projects/" + PROJECT + "/fits?wait=0")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"form\": \"chinchilla\", \"bootstrap\": 50}"))
                .andExpect(status().isAccepted()).andReturn();
        JsonNode job = json.readTree(accepted.getResponse().getContentAsString());
        String location = accepted.getResponse().getHeader("Location");
        assertThat(location).isEqualTo("/api/v1/projects/" + PROJECT + "/fit-jobs/" + job.get("id").asLong());
        assertThat(job.get("status").asString()).isIn("queued", "running");

        JsonNode done = poll(location);

        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        long fitId = done.get("fitId").asLong();
        mvc.perform(get("/api/v1/projects/" + PROJECT + "/fits/" + fitId)).andExpect(status().isOk());
    }

    @Test
    void waitingAnswersTheFitAsBeforeWhenItIsDoneInTime() throws Exception {
        mvc.perform(post("/api/v1/projects/" + PROJECT + "/fits?wait=60").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"form\": \"power-law-flops\", \"bootstrap\": 20}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith(
                        "/api/v1/projects/" + PROJECT + "/fits/")));
    }

    @Test
    void aCancelledJobEndsCancelledWithoutAFit() throws Exception {
        MvcResult accepted = mvc.perform(post("/api/v1/projects/" + PROJECT + "/fits?wait=0")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"form\": \"kaplan\", \"bootstrap\": 1000}"))
                .andExpect(status().isAccepted()).andReturn();
        String location = accepted.getResponse().getHeader("Location");

        JsonNode cancelled = json.readTree(mvc.perform(delete(location)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());

        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        // It stays cancelled: no replica picks it up and fits it anyway.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> poll(location).get("status").asString(), "cancelled"::equals);
        JsonNode after = poll(location);
        assertThat(after.has("fitId")).isFalse();
        mvc.perform(delete(location)).andExpect(status().isOk());
    }

    @Test
    void aFinishedJobCannotBeCancelled() throws Exception {
        MvcResult accepted = mvc.perform(post("/api/v1/projects/" + PROJECT + "/fits?wait=0")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"form\": \"power-law-flops\", \"bootstrap\": 0}"))
                .andExpect(status().isAccepted()).andReturn();
        String location = accepted.getResponse().getHeader("Location");
        assertThat(poll(location).get("status").asString()).isEqualTo("succeeded");

        mvc.perform(delete(location)).andExpect(status().isConflict());
    }

    @Test
    void aFitThatFailsWithinTheWaitIsAnsweredWithItsProblemAndTheJobKeepsIt() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"fit-jobs-tiny\", \"name\": \"Tiny\"}"));
        mvc.perform(post("/api/v1/projects/fit-jobs-tiny/runs").contentType(MediaType.APPLICATION_JSON)
                .content("[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 3.1}, "
                        + "{\"parameters\": 2e8, \"tokens\": 4e9, \"loss\": 2.9}]"));

        mvc.perform(post("/api/v1/projects/fit-jobs-tiny/fits").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"form\": \"chinchilla\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.reason")
                        .value("too-few-runs"));
    }

    @Test
    void rejectsAWaitOutOfRangeAndUnknownJobs() throws Exception {
        mvc.perform(post("/api/v1/projects/" + PROJECT + "/fits?wait=61").contentType(MediaType.APPLICATION_JSON)
                .content("{\"form\": \"chinchilla\"}")).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/projects/" + PROJECT + "/fits?wait=-1").contentType(MediaType.APPLICATION_JSON)
                .content("{\"form\": \"chinchilla\"}")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/projects/" + PROJECT + "/fit-jobs/999999")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/projects/no-such-project/fit-jobs/1")).andExpect(status().isNotFound());
    }

    /**
     * A sweep of 12,000 runs gets one-step bootstrap draws, and the fit says so with its check; a small
     * one is refitted draw by draw and says that.
     */
    @Test
    void aLargeSweepIsBootstrappedInOneCheckedStepAndTheFitSaysSo() throws Exception {
        String large = "fit-jobs-large";
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"" + large + "\", \"name\": \"12,000 runs\"}"));
        dev.scaleplan.fitting.FitData sweep = dev.scaleplan.fitting.SyntheticRuns.sweep(12_000);
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        for (int i = 0; i < sweep.size(); i++) {
            csv.append(sweep.parameters()[i]).append(',').append(sweep.tokens()[i]).append(',')
                    .append(sweep.loss()[i]).append('\n');
        }
        mvc.perform(post("/api/v1/projects/" + large + "/runs").contentType("text/csv").content(csv.toString()))
                .andExpect(status().isCreated());

        MvcResult accepted = mvc.perform(post("/api/v1/projects/" + large + "/fits?wait=0")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"form\": \"chinchilla\", \"bootstrap\": 200, \"holdout\": 0}"))
                .andExpect(status().isAccepted()).andReturn();
        JsonNode done = poll(accepted.getResponse().getHeader("Location"));
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        JsonNode fit = json.readTree(mvc.perform(get("/api/v1/projects/" + large + "/fits/" + done.get("fitId").asLong()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode bootstrap = fit.get("bootstrap");
        assertThat(fit.get("runsUsed").asInt()).isEqualTo(12_000);
        assertThat(bootstrap.get("successful").asInt()).isEqualTo(200);
        assertThat(bootstrap.get("method").asString()).isEqualTo("one-step");
        JsonNode check = bootstrap.get("oneStepCheck");
        assertThat(check.get("checkedDraws").asInt()).isEqualTo(32);
        assertThat(check.get("rmsDeviation").asDouble()).isBetween(0.0, check.get("accepted").asDouble());
        // Coverage of the truth is a statistical property (BootstrapCoverageTest); one fit only shows a real interval.
        JsonNode alpha = fit.get("parameters").get("alpha");
        assertThat(alpha.get("lower").asDouble()).isLessThan(alpha.get("estimate").asDouble());
        assertThat(alpha.get("upper").asDouble()).isGreaterThan(alpha.get("estimate").asDouble());
        assertThat(alpha.get("estimate").asDouble()).isCloseTo(0.3478, org.assertj.core.data.Offset.offset(0.01));

        JsonNode small = json.readTree(mvc.perform(post("/api/v1/projects/" + PROJECT + "/fits?wait=60")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"form\": \"chinchilla\", \"bootstrap\": 20}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        assertThat(small.get("bootstrap").get("method").asString()).isEqualTo("refit");
        assertThat(small.get("bootstrap").has("oneStepCheck")).isFalse();
    }

    /** The job once finished, polling every 100 ms for at most 120 s. */
    private JsonNode poll(String location) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> json.readTree(mvc.perform(get(location)).andExpect(status().isOk()).andReturn()
                        .getResponse().getContentAsString()), job -> FINISHED.contains(job.get("status").asString()));
    }

    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "cancelled");
}
