package dev.scaleplan.projects;

import java.util.ArrayList;
import java.util.List;

import dev.scaleplan.runs.RunsApi;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.JsonNode;

import static dev.scaleplan.runs.RunsApi.PROJECTS;
import static dev.scaleplan.runs.RunsApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class ProjectApiIT {

    private static final String PROBLEMS = "https://scaleplan.dev/problems/";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    RunsApi api;

    @BeforeEach
    void setUp() {
        api = new RunsApi(mvc, jdbc);
    }

    private static ResultMatcher problem(int status, String type) {
        return result -> {
            status().is(status).match(result);
            content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.type").value(PROBLEMS + type).match(result);
            jsonPath("$.status").value(status).match(result);
            jsonPath("$.title").isNotEmpty().match(result);
            jsonPath("$.detail").isNotEmpty().match(result);
        };
    }

    private static ResultMatcher fieldError(String field) {
        return jsonPath("$.errors[*].field", hasItem(field));
    }

    private MvcResult create(String body) throws Exception {
        return mvc.perform(post(PROJECTS).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
    }

    // --- create ---------------------------------------------------------------------------------

    @Test
    void createsProjectWith201LocationAndBody() throws Exception {
        String id = RunsApi.uniqueId("create");
        mvc.perform(post(PROJECTS).contentType(MediaType.APPLICATION_JSON).content("""
                        {"id": "%s", "name": "  LLM study  ", "description": "web mix", "flopsPerToken": 8}
                        """.formatted(id)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", PROJECTS + "/" + id))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.name").value("LLM study"))
                .andExpect(jsonPath("$.description").value("web mix"))
                .andExpect(jsonPath("$.flopsPerToken").value(8.0))
                .andExpect(jsonPath("$.dataRevision").value(0))
                .andExpect(jsonPath("$.runCount").value(0))
                .andExpect(jsonPath("$.createdAt").isNotEmpty())
                .andExpect(jsonPath("$.updatedAt").isNotEmpty());

        JsonNode stored = api.project(id);
        assertThat(stored.get("name").asString()).isEqualTo("LLM study");
        assertThat(stored.get("flopsPerToken").asDouble()).isEqualTo(8.0);
    }

    @Test
    void defaultsFlopsPerTokenToSixWhenAbsent() throws Exception {
        String id = RunsApi.uniqueId("default-k");
        mvc.perform(post(PROJECTS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"" + id + "\", \"name\": \"n\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.flopsPerToken").value(6.0));
    }

    @Test
    void acceptsSlugOfSixtyThreeCharacters() throws Exception {
        String id = (RunsApi.uniqueId("long") + "-" + "a".repeat(63)).substring(0, 63);
        assertThat(create("{\"id\": \"" + id + "\", \"name\": \"n\"}").getResponse().getStatus()).isEqualTo(201);
    }

    @Test
    void rejectsDuplicateIdWith409AndKeepsTheFirstProject() throws Exception {
        String id = RunsApi.uniqueId("dup");
        assertThat(create("{\"id\": \"" + id + "\", \"name\": \"first\"}").getResponse().getStatus()).isEqualTo(201);

        mvc.perform(post(PROJECTS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"" + id + "\", \"name\": \"second\", \"flopsPerToken\": 2}"))
                .andExpect(problem(409, "conflict"))
                .andExpect(jsonPath("$.detail", containsString(id)));

        JsonNode stored = api.project(id);
        assertThat(stored.get("name").asString()).isEqualTo("first");
        assertThat(stored.get("flopsPerToken").asDouble()).isEqualTo(6.0);
    }

    @ParameterizedTest(name = "id {0}")
    @ValueSource(strings = {"\"UPPER\"", "\"-leading-hyphen\"", "\"\"", "\"under_score\"", "\"sp ace\"", "\"caf\u00e9\"",
            "\"trailing-newline\\n\"", "\"slash/x\"", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "null"})
    void rejectsInvalidSlugNamingTheIdField(String idJson) throws Exception {
        mvc.perform(post(PROJECTS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": " + idJson + ", \"name\": \"n\"}"))
                .andExpect(problem(400, "validation"))
                .andExpect(fieldError("id"));
    }

    @ParameterizedTest(name = "name {0}")
    @ValueSource(strings = {"\"\"", "\"   \"", "null", "\"tab\\there\"", "\"nul\\u0000\""})
    void rejectsBlankOrControlCharacterNameNamingTheNameField(String nameJson) throws Exception {
        String id = RunsApi.uniqueId("bad-name");
        mvc.perform(post(PROJECTS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"" + id + "\", \"name\": " + nameJson + "}"))
                .andExpect(problem(400, "validation"))
                .andExpect(fieldError("name"));
        mvc.perform(get(PROJECTS + "/" + id)).andExpect(status().isNotFound());
    }

    @Test
    void rejectsMissingNameNamingTheNameField() throws Exception {
        mvc.perform(post(PROJECTS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"" + RunsApi.uniqueId("no-name") + "\"}"))
                .andExpect(problem(400, "validation"))
                .andExpect(fieldError("name"));
    }

    @ParameterizedTest(name = "flopsPerToken {0}")
    @ValueSource(strings = {"0", "-1", "\"abc\"", "1e400", "-1e400", "\"NaN\"", "\"Infinity\"", "1001", "true",
            "{}", "[6]"})
    void rejectsInvalidFlopsPerTokenNamingTheField(String value) throws Exception {
        String id = RunsApi.uniqueId("bad-k");
        MvcResult result = create("{\"id\": \"" + id + "\", \"name\": \"n\", \"flopsPerToken\": " + value + "}");
        assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isEqualTo(400);
        assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json(result);
        assertThat(problem.get("type").asString()).isIn(PROBLEMS + "validation", PROBLEMS + "malformed-body");
        assertThat(problem.get("errors").findValuesAsString("field")).contains("flopsPerToken");
        mvc.perform(get(PROJECTS + "/" + id)).andExpect(status().isNotFound());
    }

    @Test
    void rejectsBodyThatIsNotJsonWith400() throws Exception {
        mvc.perform(post(PROJECTS).contentType(MediaType.APPLICATION_JSON).content("{\"id\": "))
                .andExpect(problem(400, "malformed-body"));
    }

    @Test
    void rejectsProjectBodyInOtherMediaTypeWith415() throws Exception {
        mvc.perform(post(PROJECTS).contentType(MediaType.TEXT_PLAIN).content("id=x"))
                .andExpect(problem(415, "unsupported-media-type"));
    }

    // --- get and list ---------------------------------------------------------------------------

    @Test
    void returns404ProblemForUnknownProject() throws Exception {
        String id = RunsApi.uniqueId("missing");
        mvc.perform(get(PROJECTS + "/" + id))
                .andExpect(problem(404, "not-found"))
                .andExpect(jsonPath("$.detail", containsString(id)));
    }

    @Test
    void listsProjectsInIdOrderAcrossPagesWithTotals() throws Exception {
        String prefix = RunsApi.uniqueId("page");
        for (String suffix : List.of("c", "a", "b")) {
            assertThat(create("{\"id\": \"" + prefix + "-" + suffix + "\", \"name\": \"n\"}").getResponse().getStatus())
                    .isEqualTo(201);
        }
        long total = jdbc.sql("SELECT count(*) FROM project").query(Long.class).single();

        JsonNode first = json(mvc.perform(get(PROJECTS).param("page", "0").param("size", "2"))
                .andExpect(status().isOk()).andReturn());
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("totalElements").asLong()).isEqualTo(total);
        assertThat(first.get("totalPages").asLong()).isEqualTo((total + 1) / 2);
        assertThat(first.get("content")).hasSize(2);

        List<String> ids = new ArrayList<>();
        for (int page = 0; page < first.get("totalPages").asInt(); page++) {
            JsonNode body = json(mvc.perform(get(PROJECTS).param("page", "" + page).param("size", "2"))
                    .andExpect(status().isOk()).andReturn());
            body.get("content").forEach(project -> ids.add(project.get("id").asString()));
        }
        assertThat(ids).hasSize((int) total).isSorted().doesNotHaveDuplicates()
                .containsSubsequence(prefix + "-a", prefix + "-b", prefix + "-c");

        JsonNode beyond = json(mvc.perform(get(PROJECTS).param("page", "100000").param("size", "2"))
                .andExpect(status().isOk()).andReturn());
        assertThat(beyond.get("content")).isEmpty();
        assertThat(beyond.get("totalElements").asLong()).isEqualTo(total);
    }

    @Test
    void listUsesDefaultPageSizeOfFifty() throws Exception {
        mvc.perform(get(PROJECTS))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(50));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"size=0, size", "size=5000, size", "size=-1, size", "page=-1, page", "page=abc, page",
            "size=1.5, size", "page=2147483647&size=1000, page"})
    void rejectsInvalidPagingWith400NamingTheParameter(String query, String parameter) throws Exception {
        mvc.perform(get(PROJECTS + "?" + query))
                .andExpect(problem(400, "validation"))
                .andExpect(fieldError(parameter));
    }

    // --- update ---------------------------------------------------------------------------------

    @Test
    void patchChangesNameAndDescriptionWithoutBumpingRevision() throws Exception {
        String id = api.createProject("patch-name");
        mvc.perform(patch(PROJECTS + "/" + id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \" Renamed \", \"description\": \"new text\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Renamed"))
                .andExpect(jsonPath("$.description").value("new text"))
                .andExpect(jsonPath("$.flopsPerToken").value(6.0))
                .andExpect(jsonPath("$.dataRevision").value(0));

        JsonNode stored = api.project(id);
        assertThat(stored.get("name").asString()).isEqualTo("Renamed");
        assertThat(stored.get("description").asString()).isEqualTo("new text");
    }

    @Test
    void patchLeavesAbsentFieldsUnchanged() throws Exception {
        String id = api.createProject("patch-absent", 8.0);
        mvc.perform(patch(PROJECTS + "/" + id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"description\": \"only this\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Test " + id))
                .andExpect(jsonPath("$.flopsPerToken").value(8.0));
    }

    @Test
    void patchBumpsRevisionOnlyWhenFlopsPerTokenChanges() throws Exception {
        String id = api.createProject("patch-k");
        JsonNode before = api.project(id);

        mvc.perform(patch(PROJECTS + "/" + id).contentType(MediaType.APPLICATION_JSON).content("{\"flopsPerToken\": 6}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dataRevision").value(0));

        mvc.perform(patch(PROJECTS + "/" + id).contentType(MediaType.APPLICATION_JSON).content("{\"flopsPerToken\": 8}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.flopsPerToken").value(8.0))
                .andExpect(jsonPath("$.dataRevision").value(1));

        JsonNode after = api.project(id);
        assertThat(after.get("dataRevision").asLong()).isEqualTo(1);
        assertThat(after.get("flopsPerToken").asDouble()).isEqualTo(8.0);
        assertThat(after.get("updatedAt").asString()).isGreaterThanOrEqualTo(before.get("updatedAt").asString());

        mvc.perform(patch(PROJECTS + "/" + id).contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\"}"))
                .andExpect(jsonPath("$.dataRevision").value(1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"name\": \"\"}", "{\"name\": \"   \"}", "{\"flopsPerToken\": 0}", "{\"flopsPerToken\": -1}",
            "{\"flopsPerToken\": \"NaN\"}", "{\"flopsPerToken\": 1e400}", "{\"flopsPerToken\": \"abc\"}"})
    void patchRejectsInvalidFieldsAndChangesNothing(String body) throws Exception {
        String id = api.createProject("patch-bad");
        String field = body.substring(2, body.indexOf('"', 2));
        MvcResult result = mvc.perform(patch(PROJECTS + "/" + id).contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn();
        assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isEqualTo(400);
        assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(json(result).get("errors").findValuesAsString("field")).contains(field);

        JsonNode stored = api.project(id);
        assertThat(stored.get("name").asString()).isEqualTo("Test " + id);
        assertThat(stored.get("flopsPerToken").asDouble()).isEqualTo(6.0);
        assertThat(stored.get("dataRevision").asLong()).isZero();
    }

    @Test
    void patchOfUnknownProjectIs404() throws Exception {
        mvc.perform(patch(PROJECTS + "/" + RunsApi.uniqueId("nope")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\"}"))
                .andExpect(problem(404, "not-found"));
    }

    // --- delete ---------------------------------------------------------------------------------

    @Test
    void deleteAnswers204ThenTheProjectAndItsRunsAreGone() throws Exception {
        String id = api.createProject("delete");
        api.uploadJson(id, RunsApi.runs("r", 3)).andExpect(status().isCreated());
        assertThat(api.storedRuns(id)).isEqualTo(3);

        mvc.perform(delete(PROJECTS + "/" + id)).andExpect(status().isNoContent());

        mvc.perform(get(PROJECTS + "/" + id)).andExpect(problem(404, "not-found"));
        mvc.perform(get(RunsApi.runsPath(id))).andExpect(problem(404, "not-found"));
        mvc.perform(delete(PROJECTS + "/" + id)).andExpect(problem(404, "not-found"));
        assertThat(api.storedRuns(id)).isZero();

        // The id is free again, and a new project under it starts empty.
        assertThat(create("{\"id\": \"" + id + "\", \"name\": \"again\"}").getResponse().getStatus()).isEqualTo(201);
        JsonNode again = api.project(id);
        assertThat(again.get("runCount").asLong()).isZero();
        assertThat(again.get("dataRevision").asLong()).isZero();
    }

    @Test
    void deleteOfUnknownProjectIs404() throws Exception {
        mvc.perform(delete(PROJECTS + "/" + RunsApi.uniqueId("nope"))).andExpect(problem(404, "not-found"));
    }
}
