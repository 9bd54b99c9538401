package dev.scaleplan.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fit-job queue, its listing and cancelling: the queue is
 * bounded per key and per project, serves projects round robin, can be emptied at once, never keeps a
 * job queued without an execution, and a job whose project is deleted mid-fit stores nothing.
 */
@IntegrationTest
class FitJobQueueIT {

    /**
     * Long enough to stay running while a test looks at the queue (Hoffmann's 4,500-start grid: a kaplan
     * fit can finish in under a second on a quiet machine); cancelled at the end.
     */
    private static final String SLOW = "{\"form\": \"chinchilla\", \"bootstrap\": 1000}";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FitJobScheduler scheduler;
    @Autowired
    FitJobWatcher watcher;

    private final List<String> projects = new ArrayList<>();

    @AfterEach
    void cancelEverything() throws Exception {
        for (String project : projects) {
            mvc.perform(delete("/api/v1/projects/" + project + "/fit-jobs?status=queued"));
            mvc.perform(delete("/api/v1/projects/" + project + "/fit-jobs?status=running"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> watcher.runningHere() == 0);
    }

    @Test
    void aProjectsQueuedJobsAreListedAndCancelledAtOnceAndRunningOnesStop() throws Exception {
        String project = project("queue-cancel");
        for (int i = 0; i < 6; i++) {
            submit(project, SLOW, null).andExpect(status().isAccepted());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> list(project, "running").get("totalElements").asLong() == 2);
        JsonNode queued = list(project, "queued");
        assertThat(queued.get("totalElements").asLong()).isEqualTo(4);
        assertThat(list(project, "queued,running").get("totalElements").asLong()).isEqualTo(6);
        assertThat(list(project, null).get("content")).hasSize(6);

        JsonNode cancelled = body(mvc.perform(delete("/api/v1/projects/" + project + "/fit-jobs?status=queued"))
                .andExpect(status().isOk()).andReturn().getResponse());
        assertThat(cancelled.get("cancelled").asInt()).isEqualTo(4);
        assertThat(cancelled.get("jobIds")).hasSize(4);
        assertThat(list(project, "queued").get("totalElements").asLong()).isZero();
        assertThat(list(project, "running").get("totalElements").asLong()).isEqualTo(2);

        JsonNode stopped = body(mvc.perform(delete("/api/v1/projects/" + project + "/fit-jobs?status=running"))
                .andExpect(status().isOk()).andReturn().getResponse());
        assertThat(stopped.get("cancelled").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.runningHere() == 0);
        assertThat(list(project, "cancelled").get("totalElements").asLong()).isEqualTo(6);
        assertThat(body(mvc.perform(get("/api/v1/projects/" + project + "/fits")).andReturn().getResponse())
                .get("totalElements").asLong()).isZero();

        mvc.perform(delete("/api/v1/projects/" + project + "/fit-jobs")).andExpect(status().isBadRequest());
        mvc.perform(delete("/api/v1/projects/" + project + "/fit-jobs?status=succeeded"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/projects/" + project + "/fit-jobs?status=sleeping")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/projects/no-such-project/fit-jobs")).andExpect(status().isNotFound());
    }

    @Test
    void progressIsTheWholeJobsFromZeroToOneAndNeverGoesBack() throws Exception {
        String project = project("queue-progress");
        String location = submit(project, "{\"form\": \"kaplan\", \"bootstrap\": 400}", null)
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader(HttpHeaders.LOCATION);
        List<JsonNode> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode job = body(mvc.perform(get(location)).andReturn().getResponse());
            seen.add(job);
            return job.get("status").asString().equals("succeeded");
        });
        double last = 0;
        for (JsonNode job : seen) {
            double progress = job.get("progress").asDouble();
            assertThat(progress).as("progress of %s", job).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(last);
            if ("bootstrap".equals(job.path("phase").asString(null)) && job.get("status").asString().equals("running")) {
                // The grid is done once the bootstrap runs: the bar is past the grid's share, not back at 0.
                assertThat(progress).as("progress in the bootstrap").isGreaterThanOrEqualTo(0.4);
            }
            last = progress;
        }
        assertThat(last).isEqualTo(1.0);
    }

    @Test
    void queuedJobsAreLimitedPerKeyAndPerProjectWith429AndRetryAfter() throws Exception {
        String project = project("queue-depth");
        String other = project("queue-depth-other");
        String first = writeKey("queue-depth-1");
        int accepted = 0;
        MockHttpServletResponse refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            MockHttpServletResponse response = submit(i % 2 == 0 ? project : other, SLOW, first).andReturn().getResponse();
            if (response.getStatus() == 429) {
                refused = response;
            } else {
                assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
                accepted++;
            }
        }
        assertThat(refused).as("the key's 17th queued job is refused").isNotNull();
        // 16 queued when it was refused, plus those that started running meanwhile.
        assertThat(accepted).isGreaterThanOrEqualTo(16);
        assertThat(refused.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("10");
        JsonNode problem = body(refused);
        assertThat(problem.get("type").asString()).endsWith("/too-many-requests");
        assertThat(problem.get("limit").asString()).isEqualTo("queue-key");
        assertThat(problem.get("detail").asString()).contains("already has 16 fit jobs queued");

        String second = writeKey("queue-depth-2");
        String third = writeKey("queue-depth-3");
        MockHttpServletResponse projectFull = null;
        for (int i = 0; i < 40 && projectFull == null; i++) {
            MockHttpServletResponse response = submit(project, SLOW, i < 16 ? second : third).andReturn().getResponse();
            if (response.getStatus() == 429) {
                projectFull = response;
            }
        }
        assertThat(projectFull).isNotNull();
        assertThat(body(projectFull).get("limit").asString()).isEqualTo("queue-project");
        assertThat(list(project, "queued").get("totalElements").asLong()).isEqualTo(32);
        assertThat(projectFull.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("10");
    }

    @Test
    void projectsAreServedRoundRobinRatherThanFirstComeFirstServed() throws Exception {
        String busy = project("queue-busy");
        String quiet = project("queue-quiet");
        List<String> busyJobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            busyJobs.add(submit(busy, "{\"form\": \"kaplan\", \"bootstrap\": 20, \"seed\": " + i + "}", null)
                    .andExpect(status().isAccepted()).andReturn().getResponse().getHeader(HttpHeaders.LOCATION));
        }
        String quietJob = submit(quiet, "{\"form\": \"kaplan\", \"bootstrap\": 20}", null)
                .andExpect(status().isAccepted()).andReturn().getResponse().getHeader(HttpHeaders.LOCATION);
        await().atMost(Duration.ofSeconds(120)).until(() -> list(busy, "queued,running").get("totalElements").asLong() == 0
                && list(quiet, "queued,running").get("totalElements").asLong() == 0);

        Instant quietStarted = Instant.parse(body(mvc.perform(get(quietJob)).andReturn().getResponse())
                .get("startedAt").asString());
        long busyAfter = 0;
        for (String job : busyJobs) {
            Instant started = Instant.parse(body(mvc.perform(get(job)).andReturn().getResponse()).get("startedAt").asString());
            busyAfter += started.isAfter(quietStarted) ? 1 : 0;
        }
        // First come, first served would run all 6 before it; round robin runs it among the first three.
        assertThat(busyAfter).as("busy project's jobs started after the quiet project's one").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aJobWhoseProjectIsDeletedMidFitStoresNothingInAProjectRecreatedWithTheSameId() throws Exception {
        String project = project("queue-deleted");
        submit(project, SLOW, null).andExpect(status().isAccepted());
        await().atMost(Duration.ofSeconds(20)).until(() -> list(project, "running").get("totalElements").asLong() == 1);

        mvc.perform(delete("/api/v1/projects/" + project)).andExpect(status().isNoContent());
        create(project);
        await().atMost(Duration.ofSeconds(20)).until(() -> watcher.runningHere() == 0);

        assertThat(body(mvc.perform(get("/api/v1/projects/" + project + "/fits")).andReturn().getResponse())
                .get("totalElements").asLong()).isZero();
        mvc.perform(get("/api/v1/projects/" + project + "/fits/latest")).andExpect(status().isNotFound());
    }

    @Test
    void aQueuedJobLeftWithoutAnExecutionIsScheduledAtStart() throws Exception {
        String project = project("queue-orphan");
        // What a process killed between writing the job and its execution left behind.
        long id = jdbc.sql("INSERT INTO fit_job (project_id, request) VALUES (:project, CAST(:request AS jsonb)) "
                        + "RETURNING id").param("project", project)
                .param("request", "{\"form\": \"power-law-flops\", \"bootstrap\": 0}").query(Long.class).single();

        assertThat(scheduler.reconcile()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> body(mvc.perform(get("/api/v1/projects/" + project
                + "/fit-jobs/" + id)).andReturn().getResponse()).get("status").asString().equals("succeeded"));
        assertThat(scheduler.reconcile()).isZero();
    }

    private String project(String id) throws Exception {
        projects.add(id);
        mvc.perform(delete("/api/v1/projects/" + id));
        create(id);
        return id;
    }

    private void create(String id) throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"" + id + "\", \"name\": \"Queue\"}")).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/" + id + "/runs").contentType("text/csv").content(FitJobIT.sweepCsv()))
                .andExpect(status().is2xxSuccessful());
    }

    private String writeKey(String name) throws Exception {
        return body(mvc.perform(post("/api/v1/keys").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"" + name + "\", \"scopes\": [\"read\", \"write\"]}"))
                .andExpect(status().isCreated()).andReturn().getResponse()).get("secret").asString();
    }

    private org.springframework.test.web.servlet.ResultActions submit(String project, String body, String key)
            throws Exception {
        var request = post("/api/v1/projects/" + project + "/fits?wait=0").contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (key != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        }
        return mvc.perform(request);
    }

    private JsonNode list(String project, String status) throws Exception {
        return body(mvc.perform(get("/api/v1/projects/" + project + "/fit-jobs"
                + (status == null ? "" : "?status=" + status))).andExpect(status().isOk()).andReturn().getResponse());
    }

    private JsonNode body(MockHttpServletResponse response) throws Exception {
        return json.readTree(response.getContentAsString());
    }
}
