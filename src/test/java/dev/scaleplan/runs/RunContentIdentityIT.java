package dev.scaleplan.runs;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import static dev.scaleplan.runs.RunsApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A run sent without externalId is identified by its content: sending it again is the same run. */
@IntegrationTest
class RunContentIdentityIT {

    private static final String CSV = """
            parameters,tokens,loss,dataset,tag.sweep,metric.hellaswag
            4.0e8,8.0e9,2.61,web-v2,1,0.41
            1.0e9,2.0e10,2.38,web-v2,1,0.47
            2.0e9,4.0e10,2.25,,,
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    RunsApi api;

    @BeforeEach
    void setUp() {
        api = new RunsApi(mvc, jdbc);
    }

    @Test
    void resendingTheSameCsvWithoutExternalIdsIsUnchangedAndAnswersTheSameIds() throws Exception {
        String project = api.createProject("content");
        JsonNode first = json(api.uploadCsv(project, CSV).andExpect(status().isCreated())
                .andExpect(jsonPath("$.created").value(3)).andReturn());
        long revision = api.revision(project);

        JsonNode again = json(api.uploadCsv(project, CSV).andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.unchanged").value(3))
                .andExpect(jsonPath("$.dataRevision").value(revision)).andReturn());

        assertThat(again.get("ids")).isEqualTo(first.get("ids"));
        assertThat(api.runCount(project)).isEqualTo(3);
        assertThat(api.storedRuns(project)).isEqualTo(3);
    }

    @Test
    void theSameRunAsJsonIsUnchangedAndAnyDifferentValueIsANewRun() throws Exception {
        String project = api.createProject("content-json");
        api.uploadJson(project, "[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5, \"tags\": {\"b\": \"2\", \"a\": \"1\"}}]")
                .andExpect(status().isCreated());

        api.uploadCsv(project, "parameters,tokens,loss,tag.a,tag.b\n100000000,2000000000,2.50,1,2\n")
                .andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(1));
        api.uploadJson(project, "[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5001, \"tags\": {\"a\": \"1\", \"b\": \"2\"}}]")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(1));
        api.uploadJson(project, "[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5, \"tags\": {\"a\": \"1\"}}]")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(1));
        assertThat(api.runCount(project)).isEqualTo(3);
    }

    @Test
    void aRowRepeatedInsideOneUploadIsStoredOnceUnderOneId() throws Exception {
        String project = api.createProject("content-repeat");
        JsonNode answer = json(api.uploadCsv(project, "parameters,tokens,loss\n1e8,2e9,2.5\n3e8,6e9,2.3\n1e8,2e9,2.5\n")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.unchanged").value(1)).andReturn());

        assertThat(answer.get("ids").get(2)).isEqualTo(answer.get("ids").get(0));
        assertThat(api.storedRuns(project)).isEqualTo(2);
    }

    @Test
    void aRunWithAnExternalIdIsNotMatchedByContent() throws Exception {
        String project = api.createProject("content-external");
        api.uploadCsv(project, "externalId,parameters,tokens,loss\nrun-1,1e8,2e9,2.5\n").andExpect(status().isCreated());

        api.uploadCsv(project, "parameters,tokens,loss\n1e8,2e9,2.5\n")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(1));
        api.uploadCsv(project, "externalId,parameters,tokens,loss\nrun-2,1e8,2e9,2.5\n")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(1));
        assertThat(api.storedRuns(project)).isEqualTo(3);
    }

    @Test
    void aDeletedRunSentAgainIsStoredAgain() throws Exception {
        String project = api.createProject("content-deleted");
        JsonNode first = json(api.uploadCsv(project, "parameters,tokens,loss\n1e8,2e9,2.5\n").andReturn());
        jdbc.sql("DELETE FROM run WHERE id = :id").param("id", first.get("ids").get(0).asLong()).update();

        api.uploadCsv(project, "parameters,tokens,loss\n1e8,2e9,2.5\n")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(1));
    }
}
