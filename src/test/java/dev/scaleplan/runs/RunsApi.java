package dev.scaleplan.runs;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Small HTTP-level helpers shared by the project and run integration tests: unique project ids,
 * project creation, uploads and reading back a project's state.
 */
public final class RunsApi {

    public static final String PROJECTS = "/api/v1/projects";
    public static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockMvc mvc;
    private final JdbcClient jdbc;

    public RunsApi(MockMvc mvc, JdbcClient jdbc) {
        this.mvc = mvc;
        this.jdbc = jdbc;
    }

    /** A project id no other test uses: the prefix, this JVM's start and a counter. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + Long.toString(ProcessHandle.current().pid(), 36) + "-"
                + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-" + COUNTER.incrementAndGet();
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    public static JsonNode json(MvcResult result) {
        return json(body(result));
    }

    public static String body(MvcResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    /** The body of a 201, failing with the body when the answer was anything else. */
    public static JsonNode created(MvcResult result) {
        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(201);
        return json(result);
    }

    /** The body of {@code GET path}, failing with the body unless it is a 200. */
    public JsonNode getJson(String path) throws Exception {
        MvcResult result = mvc.perform(get(path)).andReturn();
        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(200);
        return json(result);
    }

    /** Creates a project with the default flopsPerToken and returns its id. */
    public String createProject(String prefix) throws Exception {
        return createProject(prefix, null);
    }

    public String createProject(String prefix, Double flopsPerToken) throws Exception {
        String id = uniqueId(prefix);
        String k = flopsPerToken == null ? "" : ", \"flopsPerToken\": " + flopsPerToken;
        MvcResult result = mvc.perform(post(PROJECTS).contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"" + id + "\", \"name\": \"Test " + id + "\"" + k + "}")).andReturn();
        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(201);
        return id;
    }

    public ResultActions uploadJson(String projectId, String body) throws Exception {
        return mvc.perform(post(runsPath(projectId)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    public ResultActions uploadCsv(String projectId, String body) throws Exception {
        return uploadCsv(projectId, body.getBytes(StandardCharsets.UTF_8));
    }

    public ResultActions uploadCsv(String projectId, byte[] body) throws Exception {
        return mvc.perform(post(runsPath(projectId)).contentType(TEXT_CSV).content(body));
    }

    /** GET /projects/{id} as JSON; fails the test unless 200. */
    public JsonNode project(String projectId) throws Exception {
        MvcResult result = mvc.perform(get(PROJECTS + "/" + projectId)).andReturn();
        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(200);
        return json(result);
    }

    public long runCount(String projectId) throws Exception {
        return project(projectId).get("runCount").asLong();
    }

    public long revision(String projectId) throws Exception {
        return project(projectId).get("dataRevision").asLong();
    }

    /** Runs of a project counted in the database itself, whatever the API says. */
    public long storedRuns(String projectId) {
        return jdbc.sql("SELECT count(*) FROM run WHERE project_id = :id").param("id", projectId)
                .query(Long.class).single();
    }

    /** GET /projects/{id}/runs with Accept: text/csv, following the streaming (async) dispatch. */
    public MockHttpServletResponse exportCsv(String projectId, String query) throws Exception {
        MvcResult first = mvc.perform(get(runsPath(projectId) + query).accept(TEXT_CSV)).andReturn();
        if (first.getRequest().isAsyncStarted()) {
            return mvc.perform(asyncDispatch(first)).andReturn().getResponse();
        }
        return first.getResponse();
    }

    public static String runsPath(String projectId) {
        return PROJECTS + "/" + projectId + "/runs";
    }

    /** A valid JSON run object with the given externalId and loss. */
    public static String run(String externalId, double loss) {
        return "{\"externalId\": \"" + externalId + "\", \"parameters\": 1.0e8, \"tokens\": 2.0e9, \"loss\": " + loss + "}";
    }

    /** A JSON array of {@code n} valid runs keyed {@code prefix-1..n}. */
    public static String runs(String prefix, int n) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 1; i <= n; i++) {
            body.append(i > 1 ? "," : "").append("{\"externalId\": \"").append(prefix).append('-').append(i)
                    .append("\", \"parameters\": ").append(1.0e7 * i).append(", \"tokens\": ").append(2.0e8 * i)
                    .append(", \"loss\": ").append(2.0 + 1.0 / i).append('}');
        }
        return body.append(']').toString();
    }
}
