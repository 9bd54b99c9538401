package dev.scaleplan.runs;

import java.net.URI;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** Every tag a run can store can be filtered on: commas, spaces and colons included. */
@IntegrationTest
class TagFilterIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    RunsApi api;
    String project;

    @BeforeEach
    void runsWithAwkwardTags() throws Exception {
        api = new RunsApi(mvc, jdbc);
        project = api.createProject("tags");
        api.uploadJson(project, """
                [{"externalId": "comma", "parameters": 1e8, "tokens": 2e9, "loss": 2.5, "tags": {"v": "a,b"}},
                 {"externalId": "spaces", "parameters": 1e8, "tokens": 2e9, "loss": 2.5, "tags": {"s": " padded "}},
                 {"externalId": "colon", "parameters": 1e8, "tokens": 2e9, "loss": 2.5, "tags": {"ns:key": "x:y"}},
                 {"externalId": "plain", "parameters": 1e8, "tokens": 2e9, "loss": 2.5, "tags": {"v": "a"}}]""");
    }

    private String matching(String query) throws Exception {
        MvcResult result = mvc.perform(get(URI.create(RunsApi.runsPath(project) + query))).andReturn();
        assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isEqualTo(200);
        StringBuilder ids = new StringBuilder();
        RunsApi.json(result).get("content").forEach(run -> ids.append(run.get("externalId").asString()).append(' '));
        return ids.toString().strip();
    }

    @Test
    void valueWithACommaIsOneValue() throws Exception {
        assertThat(matching("?tag=v:a,b")).isEqualTo("comma");
        assertThat(matching("?tag=v:a")).isEqualTo("plain");
    }

    @Test
    void spacesAreKeptNotTrimmed() throws Exception {
        assertThat(matching("?tag=s:%20padded%20")).isEqualTo("spaces");
        assertThat(matching("?tag.s=%20padded%20")).isEqualTo("spaces");
        assertThat(matching("?tag=s:padded")).isEmpty();
    }

    @Test
    void namesWithAColonUseTheTagDotForm() throws Exception {
        assertThat(matching("?tag.ns:key=x:y")).isEqualTo("colon");
        assertThat(matching("?tag=ns:key:x:y")).as("NAME:VALUE splits at the first colon").isEmpty();
    }

    @Test
    void exportUsesTheSameSyntax() throws Exception {
        String csv = api.exportCsv(project, "?tag=v:a,b").getContentAsString();
        assertThat(csv.lines().count()).isEqualTo(2);
        assertThat(csv).contains("comma");
    }

    @Test
    void aNameNoTagCanHaveIsA400() throws Exception {
        MvcResult result = mvc.perform(get(URI.create(RunsApi.runsPath(project) + "?tag.a%20b=c"))).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
    }
}
