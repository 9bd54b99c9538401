package dev.scaleplan.projects;

import java.util.Locale;

import dev.scaleplan.runs.RunsApi;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

import static dev.scaleplan.runs.RunsApi.PROJECTS;
import static dev.scaleplan.runs.RunsApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** A project's declared counting conventions: set at creation, shown, validated, and when they may change. */
@IntegrationTest
class ProjectConventionsIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    RunsApi api;

    @BeforeEach
    void setUp() {
        api = new RunsApi(mvc, jdbc);
    }

    private MvcResult create(String id, String fields) throws Exception {
        return mvc.perform(post(PROJECTS).contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"" + id + "\", \"name\": \"n\"" + fields + "}")).andReturn();
    }

    private MvcResult patchProject(String id, String body) throws Exception {
        return mvc.perform(patch(PROJECTS + "/" + id).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
    }

    private String stored(String id, String column) {
        return jdbc.sql("SELECT " + column + " FROM project WHERE id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void createsWithDeclaredConventionsAndShowsThem() throws Exception {
        String id = RunsApi.uniqueId("conv");
        MvcResult created = create(id, ", \"parameterCount\": \"non-embedding\", \"flopsConvention\": \"6N+attention\"");

        assertThat(created.getResponse().getStatus()).as(RunsApi.body(created)).isEqualTo(201);
        assertThat(json(created).get("parameterCount").asString()).isEqualTo("non-embedding");
        assertThat(json(created).get("flopsConvention").asString()).isEqualTo("6N+attention");
        JsonNode shown = api.project(id);
        assertThat(shown.get("parameterCount").asString()).isEqualTo("non-embedding");
        assertThat(shown.get("flopsConvention").asString()).isEqualTo("6N+attention");
        assertThat(stored(id, "parameter_count")).isEqualTo("non-embedding");
        assertThat(stored(id, "flops_convention")).isEqualTo("6N+attention");
    }

    @Test
    void defaultsToTotalParametersAndSixN() throws Exception {
        String id = RunsApi.uniqueId("conv-default");
        assertThat(create(id, "").getResponse().getStatus()).isEqualTo(201);

        JsonNode shown = api.project(id);
        assertThat(shown.get("parameterCount").asString()).isEqualTo("total");
        assertThat(shown.get("flopsConvention").asString()).isEqualTo("6N");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"parameterCount\": \"embedding\"", "\"parameterCount\": \"Total\"", "\"parameterCount\": 1",
            "\"parameterCount\": \"\"", "\"flopsConvention\": \"6n\"", "\"flopsConvention\": \"6N+Attention\"",
            "\"flopsConvention\": \"kaplan\"", "\"flopsConvention\": 6", "\"flopsConvention\": \"6N attention\""})
    void rejectsUnknownConventionsNamingTheFieldAndStoresNothing(String field) throws Exception {
        String id = RunsApi.uniqueId("conv-bad");
        MvcResult result = create(id, ", " + field);

        assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isEqualTo(400);
        assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String name = field.substring(1, field.indexOf('"', 1));
        assertThat(json(result).get("errors").findValuesAsString("field")).contains(name);
        assertThat(jdbc.sql("SELECT count(*) FROM project WHERE id = :id").param("id", id).query(Long.class).single())
                .isZero();

        String existing = api.createProject("conv-bad-patch");
        MvcResult patched = patchProject(existing, "{" + field + "}");
        assertThat(patched.getResponse().getStatus()).isEqualTo(400);
        assertThat(json(patched).get("errors").findValuesAsString("field")).contains(name);
        assertThat(stored(existing, "parameter_count")).isEqualTo("total");
        assertThat(stored(existing, "flops_convention")).isEqualTo("6N");
    }

    @Test
    void flopsConventionChangesAnyTimeAndMakesExistingFitsStale() throws Exception {
        String id = api.createProject("conv-flops");
        uploadAndFit(id);
        long before = api.revision(id);

        MvcResult same = patchProject(id, "{\"flopsConvention\": \"6N\"}");
        assertThat(same.getResponse().getStatus()).isEqualTo(200);
        assertThat(api.revision(id)).isEqualTo(before);

        MvcResult changed = patchProject(id, "{\"flopsConvention\": \"given\"}");
        assertThat(changed.getResponse().getStatus()).as(RunsApi.body(changed)).isEqualTo(200);
        assertThat(json(changed).get("flopsConvention").asString()).isEqualTo("given");
        assertThat(json(changed).get("dataRevision").asLong()).isEqualTo(before + 1);
        JsonNode latest = json(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get(PROJECTS + "/" + id + "/fits/latest")).andReturn());
        assertThat(latest.get("stale").asBoolean()).isTrue();
    }

    @Test
    void parameterCountChangesOnlyWhileTheProjectHasNoFits() throws Exception {
        String id = api.createProject("conv-count");
        MvcResult beforeFits = patchProject(id, "{\"parameterCount\": \"non-embedding\"}");
        assertThat(beforeFits.getResponse().getStatus()).as(RunsApi.body(beforeFits)).isEqualTo(200);
        assertThat(json(beforeFits).get("parameterCount").asString()).isEqualTo("non-embedding");

        uploadAndFit(id);
        long revision = api.revision(id);
        MvcResult refused = patchProject(id, "{\"parameterCount\": \"total\", \"name\": \"renamed\"}");

        assertThat(refused.getResponse().getStatus()).as(RunsApi.body(refused)).isEqualTo(409);
        assertThat(json(refused).get("errors").findValuesAsString("field")).contains("parameterCount");
        assertThat(json(refused).get("detail").asString()).contains("fit");
        assertThat(stored(id, "parameter_count")).isEqualTo("non-embedding");
        assertThat(stored(id, "name")).isNotEqualTo("renamed");
        assertThat(api.revision(id)).isEqualTo(revision);
        assertThat(patchProject(id, "{\"parameterCount\": \"non-embedding\"}").getResponse().getStatus()).isEqualTo(200);
    }

    /** 20 runs from Besiroglu et al.'s law and a chinchilla fit without bootstrap. */
    private void uploadAndFit(String id) throws Exception {
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        for (double n = 7e7; n < 2e10; n *= 3.5) {
            for (double ratio = 5; ratio <= 80; ratio *= 2) {
                double d = n * ratio;
                csv.append(String.format(Locale.ROOT, "%g,%g,%.5f%n", n, d,
                        1.8172 + 482.01 / Math.pow(n, 0.3478) + 2085.43 / Math.pow(d, 0.3658)));
            }
        }
        assertThat(api.uploadCsv(id, csv.toString()).andReturn().getResponse().getStatus()).isEqualTo(201);
        MvcResult fit = mvc.perform(post(PROJECTS + "/" + id + "/fits").contentType(MediaType.APPLICATION_JSON)
                .content("{\"form\": \"chinchilla\", \"bootstrap\": 0, \"holdout\": 0}")).andReturn();
        assertThat(fit.getResponse().getStatus()).as(RunsApi.body(fit)).isEqualTo(201);
    }
}
