package dev.scaleplan.runs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.JsonNode;

import static dev.scaleplan.runs.RunsApi.json;
import static dev.scaleplan.runs.RunsApi.runsPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Uploading runs as JSON and CSV, idempotency, all-or-nothing validation, queries, export and deletion. */
@IntegrationTest
class RunIngestIT {

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

    static ResultMatcher problem(int status, String type) {
        return result -> {
            status().is(status).match(result);
            content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.type").value(PROBLEMS + type).match(result);
            jsonPath("$.title").isNotEmpty().match(result);
            jsonPath("$.detail").isNotEmpty().match(result);
        };
    }

    /** The problem's errors hold exactly one entry for {@code row} and {@code field}. */
    static ResultMatcher rowError(int row, String field) {
        return jsonPath("$.errors[?(@.row == " + row + " && @.field == '" + field + "')]", hasSize(1));
    }

    private JsonNode run(String projectId, long runId) throws Exception {
        return json(mvc.perform(get(runsPath(projectId) + "/" + runId)).andExpect(status().isOk()).andReturn());
    }

    private JsonNode listAll(String projectId, String query) throws Exception {
        return json(mvc.perform(get(runsPath(projectId) + "?size=1000" + query)).andExpect(status().isOk()).andReturn());
    }

    // --- JSON -----------------------------------------------------------------------------------

    @Test
    void storesJsonUploadAndAnswersCreatedCountsIdsAndRevision() throws Exception {
        String project = api.createProject("json");
        MvcResult result = api.uploadJson(project, """
                        [
                          {"externalId": "a", "parameters": 4.0e8, "tokens": 8.0e9, "loss": 2.61, "dataset": "web-v2",
                           "tags": {"sweep": "1", "arch": "dense"}, "metrics": {"hellaswag": 0.41},
                           "activeParameters": 1.0e8, "uniqueTokens": 4.0e9, "learningRate": 3.0e-4, "batchSize": 512},
                          {"parameters": 1.0e9, "tokens": 2.0e10, "loss": 2.38, "flops": 1.2e20}
                        ]""")
                .andExpect(status().isCreated())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.unchanged").value(0))
                .andExpect(jsonPath("$.ids", hasSize(2)))
                .andExpect(jsonPath("$.dataRevision").value(1))
                .andReturn();

        JsonNode ids = json(result).get("ids");
        JsonNode first = run(project, ids.get(0).asLong());
        assertThat(first.get("externalId").asString()).isEqualTo("a");
        assertThat(first.get("parameters").asDouble()).isEqualTo(4.0e8);
        assertThat(first.get("tokens").asDouble()).isEqualTo(8.0e9);
        assertThat(first.get("loss").asDouble()).isEqualTo(2.61);
        assertThat(first.get("flops").asDouble()).isCloseTo(6 * 4.0e8 * 8.0e9, within(1e6));
        assertThat(first.get("dataset").asString()).isEqualTo("web-v2");
        assertThat(first.get("tags").get("sweep").asString()).isEqualTo("1");
        assertThat(first.get("tags").get("arch").asString()).isEqualTo("dense");
        assertThat(first.get("metrics").get("hellaswag").asDouble()).isEqualTo(0.41);
        assertThat(first.get("activeParameters").asDouble()).isEqualTo(1.0e8);
        assertThat(first.get("uniqueTokens").asDouble()).isEqualTo(4.0e9);
        assertThat(first.get("learningRate").asDouble()).isEqualTo(3.0e-4);
        assertThat(first.get("batchSize").asLong()).isEqualTo(512);

        JsonNode second = run(project, ids.get(1).asLong());
        assertThat(second.get("flops").asDouble()).isEqualTo(1.2e20);
        assertThat(second.has("externalId")).isFalse();

        JsonNode stored = api.project(project);
        assertThat(stored.get("runCount").asLong()).isEqualTo(2);
        assertThat(stored.get("dataRevision").asLong()).isEqualTo(1);

        api.uploadJson(project, RunsApi.runs("more", 3)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.dataRevision").value(2));
        assertThat(api.runCount(project)).isEqualTo(5);
    }

    @Test
    void numbersNewRunsInTheOrderTheyWereSentAndGivesARepeatedRowItsFirstCopysId() throws Exception {
        String project = api.createProject("numbered");
        StringBuilder csv = new StringBuilder("externalId,parameters,tokens,loss\n");
        for (int i = 0; i < 300; i++) {
            // Every third row has an externalId; rows 150 and 200 repeat row 0, which has none.
            String externalId = i % 3 == 1 ? "n-" + i : "";
            double parameters = i == 150 || i == 200 ? 1e8 : 1e8 + 1e6 * i;
            csv.append(externalId).append(',').append(parameters).append(",2e9,3.1\n");
        }
        JsonNode ids = json(api.uploadCsv(project, csv.toString()).andExpect(status().isCreated())
                .andExpect(jsonPath("$.created").value(298)).andReturn()).get("ids");
        List<Long> firstCopies = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i != 150 && i != 200) {
                firstCopies.add(ids.get(i).asLong());
            }
        }
        assertThat(firstCopies).isSorted().doesNotHaveDuplicates();
        assertThat(ids.get(150).asLong()).isEqualTo(ids.get(0).asLong());
        assertThat(ids.get(200).asLong()).isEqualTo(ids.get(0).asLong());
    }

    @Test
    void defaultsFlopsToSixTimesParametersTimesTokens() throws Exception {
        String project = api.createProject("flops6");
        long id = json(api.uploadJson(project, "[{\"parameters\": 3e8, \"tokens\": 7e9, \"loss\": 3}]")
                .andExpect(status().isCreated()).andReturn()).get("ids").get(0).asLong();
        assertThat(run(project, id).get("flops").asDouble()).isEqualTo(6.0 * 3e8 * 7e9);
    }

    @Test
    void defaultsFlopsToProjectsFlopsPerTokenTimesParametersTimesTokens() throws Exception {
        String project = api.createProject("flops8", 8.0);
        long id = json(api.uploadCsv(project, "parameters,tokens,loss\n3e8,7e9,3\n")
                .andExpect(status().isCreated()).andReturn()).get("ids").get(0).asLong();
        assertThat(run(project, id).get("flops").asDouble()).isEqualTo(8.0 * 3e8 * 7e9);
    }

    @Test
    void resendingTheSameRunsIsAnIdempotentNoOp() throws Exception {
        String project = api.createProject("idem");
        String body = RunsApi.runs("r", 4);
        JsonNode first = json(api.uploadJson(project, body).andExpect(status().isCreated()).andReturn());
        long revision = api.revision(project);

        api.uploadJson(project, body)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.unchanged").value(4))
                .andExpect(jsonPath("$.dataRevision").value(revision));
        JsonNode again = json(api.uploadJson(project, body).andReturn());
        assertThat(again.get("ids")).isEqualTo(first.get("ids"));
        assertThat(api.revision(project)).isEqualTo(revision);
        assertThat(api.runCount(project)).isEqualTo(4);
    }

    @Test
    void resendingAsCsvWhatWasSentAsJsonIsUnchanged() throws Exception {
        String project = api.createProject("idem-cross");
        api.uploadJson(project, "[{\"externalId\": \"x\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5,"
                + " \"tags\": {\"a\": \"b\"}, \"metrics\": {\"m\": 0.5}}]").andExpect(status().isCreated());
        api.uploadCsv(project, "externalId,parameters,tokens,loss,tag.a,metric.m\nx,100000000,2000000000,2.50,b,0.5\n")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unchanged").value(1));
    }

    @Test
    void resendWithOneNewRunCreatesOnlyThatRunAndBumpsRevisionOnce() throws Exception {
        String project = api.createProject("idem-mixed");
        api.uploadJson(project, "[" + RunsApi.run("a", 2.5) + "]").andExpect(status().isCreated());
        long revision = api.revision(project);

        api.uploadJson(project, "[" + RunsApi.run("a", 2.5) + "," + RunsApi.run("b", 2.4) + "]")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.unchanged").value(1))
                .andExpect(jsonPath("$.dataRevision").value(revision + 1));
        assertThat(api.runCount(project)).isEqualTo(2);
    }

    @Test
    void rejectsSameExternalIdWithDifferentValuesWith409AndStoresNothing() throws Exception {
        String project = api.createProject("conflict");
        api.uploadJson(project, "[" + RunsApi.run("a", 2.5) + "," + RunsApi.run("b", 2.4) + "]")
                .andExpect(status().isCreated());
        long revision = api.revision(project);

        api.uploadJson(project, "[" + RunsApi.run("new", 2.3) + "," + RunsApi.run("b", 2.0) + ","
                        + RunsApi.run("a", 2.5) + "]")
                .andExpect(problem(409, "conflict"))
                .andExpect(jsonPath("$.errors", hasSize(1)))
                .andExpect(rowError(2, "externalId"))
                .andExpect(jsonPath("$.errors[0].message", containsString("'b'")));

        assertThat(api.runCount(project)).isEqualTo(2);
        assertThat(api.revision(project)).isEqualTo(revision);
        assertThat(jdbc.sql("SELECT loss FROM run WHERE project_id = :p AND external_id = 'b'").param("p", project)
                .query(Double.class).single()).isEqualTo(2.4);
    }

    @Test
    void rejectsChangedOptionalFieldUnderSameExternalIdWith409() throws Exception {
        String project = api.createProject("conflict-tags");
        api.uploadJson(project, "[{\"externalId\": \"a\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5,"
                + " \"tags\": {\"t\": \"1\"}}]").andExpect(status().isCreated());
        api.uploadJson(project, "[{\"externalId\": \"a\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5,"
                        + " \"tags\": {\"t\": \"2\"}}]")
                .andExpect(problem(409, "conflict"))
                .andExpect(rowError(1, "externalId"));
    }

    @Test
    void externalIdsAreScopedToTheirProject() throws Exception {
        String one = api.createProject("scope-a");
        String two = api.createProject("scope-b");
        api.uploadJson(one, "[" + RunsApi.run("same", 2.5) + "]").andExpect(status().isCreated());
        api.uploadJson(two, "[" + RunsApi.run("same", 3.5) + "]").andExpect(status().isCreated())
                .andExpect(jsonPath("$.created").value(1));
    }

    @Test
    void rejectsDuplicateExternalIdInsideOneBatchWith400() throws Exception {
        String project = api.createProject("dup-batch");
        api.uploadJson(project, "[" + RunsApi.run("a", 2.5) + "," + RunsApi.run("b", 2.4) + ","
                        + RunsApi.run("a", 2.5) + "]")
                .andExpect(problem(400, "validation"))
                .andExpect(rowError(3, "externalId"))
                .andExpect(jsonPath("$.errors[0].message", containsString("row 1")));
        assertThat(api.storedRuns(project)).isZero();
        assertThat(api.revision(project)).isZero();
    }

    @Test
    void rejectsWholeBatchWhenOneRunAmongManyHasNegativeLoss() throws Exception {
        String project = api.createProject("all-or-nothing");
        api.uploadJson(project, "[" + RunsApi.run("seed", 2.5) + "]").andExpect(status().isCreated());
        List<String> runs = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            runs.add(RunsApi.run("r" + i, i == 137 ? -1 : 2.0 + 1.0 / i));
        }
        api.uploadJson(project, "[" + String.join(",", runs) + "]")
                .andExpect(problem(400, "validation"))
                .andExpect(jsonPath("$.errors", hasSize(1)))
                .andExpect(rowError(137, "loss"))
                .andExpect(jsonPath("$.detail", containsString("200 run(s)")));
        assertThat(api.runCount(project)).isEqualTo(1);
        assertThat(api.revision(project)).isEqualTo(1);
    }

    @Test
    void reportsEveryBadRowAndFieldOfARejectedBatch() throws Exception {
        String project = api.createProject("every-error");
        api.uploadJson(project, """
                        [
                          {"parameters": 1e8, "tokens": 2e9, "loss": 2.5},
                          {"parameters": 0, "tokens": 2e9, "loss": 2.5},
                          {"parameters": 1e8, "loss": 2.5},
                          {"parameters": 1e8, "tokens": 2e9, "loss": "2.5", "colour": "red"},
                          {"parameters": 1e8, "tokens": 2e9, "loss": 2.5, "activeParameters": 2e8, "batchSize": 1.5}
                        ]""")
                .andExpect(problem(400, "validation"))
                .andExpect(rowError(2, "parameters"))
                .andExpect(rowError(3, "tokens"))
                .andExpect(rowError(4, "loss"))
                .andExpect(rowError(4, "colour"))
                .andExpect(rowError(5, "activeParameters"))
                .andExpect(rowError(5, "batchSize"))
                .andExpect(jsonPath("$.errors[?(@.row == 1)]", hasSize(0)));
        assertThat(api.storedRuns(project)).isZero();
    }

    @Test
    void listsAtMostAHundredErrorsAndSaysHowManyThereWere() throws Exception {
        String project = api.createProject("many-errors");
        List<String> runs = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            runs.add(RunsApi.run("r" + i, -1));
        }
        api.uploadJson(project, "[" + String.join(",", runs) + "]")
                .andExpect(problem(400, "validation"))
                .andExpect(jsonPath("$.errors", hasSize(100)))
                .andExpect(jsonPath("$.detail", containsString("150 error(s)")));
    }

    @Test
    void uploadToUnknownProjectIs404() throws Exception {
        api.uploadJson(RunsApi.uniqueId("nope"), RunsApi.runs("r", 1)).andExpect(problem(404, "not-found"));
        api.uploadCsv(RunsApi.uniqueId("nope"), "parameters,tokens,loss\n1,1,1\n").andExpect(problem(404, "not-found"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "application/problem+json", "application/octet-stream"})
    void rejectsOtherContentTypesWith415(String type) throws Exception {
        String project = api.createProject("media");
        mvc.perform(post(runsPath(project)).contentType(type).content(RunsApi.runs("r", 1)))
                .andExpect(problem(415, "unsupported-media-type"));
        assertThat(api.storedRuns(project)).isZero();
    }

    @Test
    void rejectsUploadWithoutContentTypeWith415() throws Exception {
        String project = api.createProject("no-media");
        mvc.perform(post(runsPath(project)).content(RunsApi.runs("r", 1)))
                .andExpect(problem(415, "unsupported-media-type"));
    }

    @Test
    void acceptsJsonWithCharsetParameter() throws Exception {
        String project = api.createProject("charset");
        mvc.perform(post(runsPath(project)).contentType("application/json;charset=UTF-8").content(RunsApi.runs("r", 1)))
                .andExpect(status().isCreated());
    }

    @Test
    void keepsUnicodeTextExactly() throws Exception {
        String project = api.createProject("unicode");
        String text = "d\u00e9j\u00e0-\u6570\u636e-\uD83D\uDE80-\u202Ertl";
        long id = json(api.uploadJson(project, "[{\"externalId\": \"" + text + "\", \"dataset\": \"" + text
                        + "\", \"tags\": {\"t\": \"" + text + "\"}, \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2}]")
                .andExpect(status().isCreated()).andReturn()).get("ids").get(0).asLong();
        JsonNode stored = run(project, id);
        assertThat(stored.get("externalId").asString()).isEqualTo(text);
        assertThat(stored.get("dataset").asString()).isEqualTo(text);
        assertThat(stored.get("tags").get("t").asString()).isEqualTo(text);
    }

    // --- CSV ------------------------------------------------------------------------------------

    @Test
    void storesCsvUploadWithTagAndMetricColumns() throws Exception {
        String project = api.createProject("csv");
        MvcResult result = api.uploadCsv(project, """
                        externalId,parameters,tokens,loss,dataset,tag.sweep,tag.arch,metric.hellaswag,batchSize
                        c-1,4.0e8,1.6e10,2.55,web-v2,1,dense,0.43,512
                        c-2,2.0e9,4.0e10,2.27,"web, v3",1,,0.52,
                        """)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.unchanged").value(0))
                .andExpect(jsonPath("$.ids", hasSize(2)))
                .andExpect(jsonPath("$.dataRevision").value(1))
                .andReturn();
        JsonNode ids = json(result).get("ids");

        JsonNode first = run(project, ids.get(0).asLong());
        assertThat(first.get("externalId").asString()).isEqualTo("c-1");
        assertThat(first.get("flops").asDouble()).isEqualTo(6 * 4.0e8 * 1.6e10);
        assertThat(first.get("tags").properties()).hasSize(2);
        assertThat(first.get("tags").get("sweep").asString()).isEqualTo("1");
        assertThat(first.get("tags").get("arch").asString()).isEqualTo("dense");
        assertThat(first.get("metrics").get("hellaswag").asDouble()).isEqualTo(0.43);
        assertThat(first.get("batchSize").asLong()).isEqualTo(512);

        JsonNode second = run(project, ids.get(1).asLong());
        assertThat(second.get("dataset").asString()).isEqualTo("web, v3");
        assertThat(second.get("tags").has("arch")).as("empty tag cell means absent").isFalse();
        assertThat(second.has("batchSize")).isFalse();

        api.uploadCsv(project, "parameters,tokens,loss\n1e8,2e9,2\n").andExpect(status().isCreated())
                .andExpect(jsonPath("$.dataRevision").value(2));
    }

    @Test
    void acceptsCsvWithByteOrderMarkAndCrLfLineEnds() throws Exception {
        String project = api.createProject("bom");
        api.uploadCsv(project, "\uFEFFexternalId,parameters,tokens,loss\r\nb-1,1e8,2e9,2.5\r\nb-2,2e8,4e9,2.4\r\n")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.created").value(2));
        assertThat(jdbc.sql("SELECT external_id FROM run WHERE project_id = :p ORDER BY id").param("p", project)
                .query(String.class).list()).containsExactly("b-1", "b-2");
    }

    @Test
    void rejectsCsvWithUnknownColumnNamingIt() throws Exception {
        String project = api.createProject("csv-unknown");
        api.uploadCsv(project, "parameters,tokens,loss,colour\n1e8,2e9,2.5,red\n")
                .andExpect(problem(400, "validation"))
                .andExpect(rowError(0, "colour"));
        assertThat(api.storedRuns(project)).isZero();
    }

    @Test
    void rejectsCsvWithMissingRequiredColumnNamingIt() throws Exception {
        String project = api.createProject("csv-missing");
        api.uploadCsv(project, "parameters,loss\n1e8,2.5\n")
                .andExpect(problem(400, "validation"))
                .andExpect(rowError(0, "tokens"))
                .andExpect(jsonPath("$.errors[0].message", containsString("missing")));
    }

    @Test
    void rejectsCsvWithRepeatedColumn() throws Exception {
        String project = api.createProject("csv-twice");
        api.uploadCsv(project, "parameters,tokens,loss,loss\n1e8,2e9,2.5,2.5\n")
                .andExpect(problem(400, "validation"))
                .andExpect(rowError(0, "loss"));
    }

    @Test
    void rejectsCsvRowWithWrongFieldCountNamingTheRow() throws Exception {
        String project = api.createProject("csv-fields");
        api.uploadCsv(project, "parameters,tokens,loss\n1e8,2e9,2.5\n1e8,2e9\n1e8,2e9,2.5,9\n1e8,2e9,2.5\n")
                .andExpect(problem(400, "validation"))
                .andExpect(jsonPath("$.errors[?(@.row == 2 && @.message =~ /.*has 2 fields but the header has 3.*/)]",
                        hasSize(1)))
                .andExpect(jsonPath("$.errors[?(@.row == 3 && @.message =~ /.*has 4 fields but the header has 3.*/)]",
                        hasSize(1)))
                .andExpect(jsonPath("$.errors[?(@.row == 1 || @.row == 4)]", hasSize(0)));
        assertThat(api.storedRuns(project)).isZero();
    }

    @Test
    void reportsOnlyTheFieldCountErrorForARowWithTheWrongFieldCount() throws Exception {
        String project = api.createProject("csv-fields-only");
        api.uploadCsv(project, "parameters,tokens,loss\n1e8,2e9,2.5\n1e8,2e9\n1e8,2e9,2.5,9\n")
                .andExpect(problem(400, "validation"))
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.detail", containsString("2 error(s)")));
    }

    @Test
    void rejectsCsvWithUnclosedQuoteAsMalformed() throws Exception {
        String project = api.createProject("csv-quote");
        api.uploadCsv(project, "externalId,parameters,tokens,loss\n\"open,1e8,2e9,2.5\nx,1e8,2e9,2.5\n")
                .andExpect(problem(400, "malformed-body"));
        assertThat(api.storedRuns(project)).isZero();
    }

    @Test
    void rejectsCsvWithInvalidUtf8AsMalformed() throws Exception {
        String project = api.createProject("csv-utf8");
        byte[] head = "externalId,parameters,tokens,loss\nok,1e8,2e9,2.5\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, ',', '1', ',', '1', ',', '1', '\n'};
        byte[] body = new byte[head.length + bad.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        api.uploadCsv(project, body)
                .andExpect(problem(400, "malformed-body"))
                .andExpect(jsonPath("$.detail", containsString("CSV")));
        assertThat(api.storedRuns(project)).isZero();
    }

    @ParameterizedTest(name = "body [{0}]")
    @ValueSource(strings = {"", "\n\n", "parameters,tokens,loss\n", "parameters,tokens,loss"})
    void rejectsCsvWithoutAnyRunWith400(String body) throws Exception {
        String project = api.createProject("csv-empty");
        api.uploadCsv(project, body).andExpect(problem(400, "validation"));
        assertThat(api.revision(project)).isZero();
    }

    @Test
    void rejectsCsvCellsThatAreNotPlainDecimals() throws Exception {
        String project = api.createProject("csv-numbers");
        api.uploadCsv(project, """
                        parameters,tokens,loss
                        NaN,2e9,2.5
                        1e8,Infinity,2.5
                        1e8,2e9,0x1p1
                        1e8,2e9,2.5d
                        1e8,2e9,1e400
                        1e8,2e9,1e-400
                        1_000,2e9,2.5
                        """)
                .andExpect(problem(400, "validation"))
                .andExpect(rowError(1, "parameters"))
                .andExpect(rowError(2, "tokens"))
                .andExpect(rowError(3, "loss"))
                .andExpect(rowError(4, "loss"))
                .andExpect(rowError(5, "loss"))
                .andExpect(rowError(6, "loss"))
                .andExpect(rowError(7, "parameters"));
    }

    // --- export ---------------------------------------------------------------------------------

    @Test
    void csvExportRoundTripsIntoANewProject() throws Exception {
        String source = api.createProject("export-src");
        api.uploadJson(source, """
                [
                  {"externalId": "e-1", "parameters": 4.0e8, "tokens": 8.0e9, "loss": 2.61, "dataset": "web, \\"v2\\"",
                   "tags": {"sweep": "1", "note": " padded "}, "metrics": {"hellaswag": 0.41, "mmlu": 0.3},
                   "activeParameters": 1.0e8, "uniqueTokens": 4.0e9, "learningRate": 3.0e-4, "batchSize": 512},
                  {"parameters": 1.0e9, "tokens": 2.0e10, "loss": 2.38, "flops": 1.2e20, "tags": {"sweep": "2"}},
                  {"externalId": "e-3", "parameters": 1.2345678901234567e9, "tokens": 3.3e10, "loss": 2.123456789012345,
                   "metrics": {"mmlu": 1e-7}, "tags": {"multi": "line\\nbreak"}}
                ]""").andExpect(status().isCreated());

        MockHttpServletResponse export = api.exportCsv(source, "");
        assertThat(export.getStatus()).isEqualTo(200);
        assertThat(export.getContentType()).startsWith("text/csv");
        String csv = export.getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,externalId,parameters,tokens,loss,flops");

        String target = api.createProject("export-dst");
        api.uploadCsv(target, csv).andExpect(status().isCreated()).andExpect(jsonPath("$.created").value(3));

        JsonNode before = listAll(source, "").get("content");
        JsonNode after = listAll(target, "").get("content");
        assertThat(after).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(withoutServerFields(after.get(i))).isEqualTo(withoutServerFields(before.get(i)));
        }

        // Uploading the export into its own project changes nothing: the run without externalId is its content.
        api.uploadCsv(source, csv).andExpect(status().isOk()).andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.unchanged").value(3));
    }

    @Test
    void csvExportOfRunWithEmptyTagValueUploadsBackUnchanged() throws Exception {
        String project = api.createProject("export-empty-tag");
        api.uploadJson(project, "[{\"externalId\": \"e\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5,"
                + " \"tags\": {\"note\": \"\"}}]").andExpect(status().isCreated());
        String csv = api.exportCsv(project, "").getContentAsString(StandardCharsets.UTF_8);
        api.uploadCsv(project, csv).andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(1));
        // Into a new project the empty value arrives as an empty value, not as a missing tag.
        String copy = api.createProject("export-empty-tag-copy");
        api.uploadCsv(copy, csv).andExpect(status().isCreated());
        assertThat(listAll(copy, "").get("content").get(0).get("tags").get("note").asString()).isEmpty();
    }

    @Test
    void csvTellsAMissingTagFromAnEmptyOne() throws Exception {
        String project = api.createProject("csv-empty-tag");
        api.uploadCsv(project, """
                externalId,parameters,tokens,loss,tag.note
                absent,1e8,2e9,2.5,
                empty,1e8,2e9,2.4,""
                """).andExpect(status().isCreated());
        JsonNode runs = listAll(project, "").get("content");
        assertThat(runs.get(0).get("tags").has("note")).isFalse();
        assertThat(runs.get(1).get("tags").get("note").asString()).isEmpty();
    }

    @Test
    void resendingSameRunWithoutFlopsAfterFlopsPerTokenChangeIsUnchanged() throws Exception {
        String project = api.createProject("k-change");
        String body = "[" + RunsApi.run("a", 2.5) + "]";
        api.uploadJson(project, body).andExpect(status().isCreated());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .patch(RunsApi.PROJECTS + "/" + project).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"flopsPerToken\": 8}"))
                .andExpect(status().isOk());
        api.uploadJson(project, body).andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(1));
        // Runs that gave flops are still compared on them: other flops under the same externalId is a conflict.
        api.uploadJson(project, "[{\"externalId\": \"f\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5, "
                + "\"flops\": 1.2e18}]").andExpect(status().isCreated());
        api.uploadJson(project, "[{\"externalId\": \"f\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5, "
                + "\"flops\": 1.2e18}]").andExpect(status().isOk());
        api.uploadJson(project, "[{\"externalId\": \"f\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5, "
                + "\"flops\": 2.4e18}]").andExpect(status().isConflict());
    }

    private static JsonNode withoutServerFields(JsonNode run) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) run.deepCopy();
        copy.remove("id");
        copy.remove("createdAt");
        return copy;
    }

    @Test
    void csvExportHonoursFilters() throws Exception {
        String project = api.createProject("export-filter");
        api.uploadJson(project, """
                [{"parameters": 1e8, "tokens": 2e9, "loss": 2.5, "dataset": "a", "tags": {"s": "1"}},
                 {"parameters": 1e8, "tokens": 2e9, "loss": 2.4, "dataset": "b", "tags": {"s": "2"}}]""")
                .andExpect(status().isCreated());
        String csv = api.exportCsv(project, "?dataset=b").getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.lines().count()).isEqualTo(2);
        assertThat(csv).contains(",\"b\",").doesNotContain(",\"a\",");
    }

    @Test
    void csvExportOfUnknownProjectIs404() throws Exception {
        MockHttpServletResponse response = api.exportCsv(RunsApi.uniqueId("nope"), "");
        assertThat(response.getStatus()).isEqualTo(404);
    }

    // --- list, get, delete ----------------------------------------------------------------------

    @Test
    void listFiltersByDatasetAndTags() throws Exception {
        String project = api.createProject("filters");
        api.uploadJson(project, """
                [{"externalId": "1", "parameters": 1e8, "tokens": 2e9, "loss": 2.5, "dataset": "web", "tags": {"sweep": "1", "arch": "moe"}},
                 {"externalId": "2", "parameters": 1e8, "tokens": 2e9, "loss": 2.4, "dataset": "web", "tags": {"sweep": "2"}},
                 {"externalId": "3", "parameters": 1e8, "tokens": 2e9, "loss": 2.3, "dataset": "code", "tags": {"sweep": "1", "url": "a:b"}}]""")
                .andExpect(status().isCreated());

        assertThat(listAll(project, "").get("totalElements").asLong()).isEqualTo(3);
        assertThat(listAll(project, "&dataset=web").get("content").findValuesAsString("externalId"))
                .containsExactly("1", "2");
        assertThat(listAll(project, "&tag=sweep:1").get("content").findValuesAsString("externalId"))
                .containsExactly("1", "3");
        assertThat(listAll(project, "&tag=sweep:1&tag=arch:moe").get("content").findValuesAsString("externalId"))
                .containsExactly("1");
        assertThat(listAll(project, "&dataset=code&tag=sweep:1").get("content").findValuesAsString("externalId"))
                .containsExactly("3");
        assertThat(listAll(project, "&tag=url:a:b").get("content").findValuesAsString("externalId"))
                .containsExactly("3");
        JsonNode none = listAll(project, "&tag=sweep:9");
        assertThat(none.get("content")).isEmpty();
        assertThat(none.get("totalElements").asLong()).isZero();
    }

    @Test
    void repeatedTagNameInFilterIsNotSilentlyOverwritten() throws Exception {
        String project = api.createProject("tag-twice");
        api.uploadJson(project, """
                [{"parameters": 1e8, "tokens": 2e9, "loss": 2.5, "tags": {"sweep": "1"}},
                 {"parameters": 1e8, "tokens": 2e9, "loss": 2.4, "tags": {"sweep": "2"}}]""")
                .andExpect(status().isCreated());
        MvcResult result = mvc.perform(get(runsPath(project)).param("tag", "sweep:1", "sweep:2")).andReturn();
        if (result.getResponse().getStatus() == 200) {
            assertThat(json(result).get("totalElements").asLong()).isZero();
        } else {
            assertThat(result.getResponse().getStatus()).isEqualTo(400);
        }
    }

    @ParameterizedTest(name = "tag={0}")
    @ValueSource(strings = {"novalue", ":value", "no-colon-at-all"})
    void rejectsMalformedTagFilterWith400(String tag) throws Exception {
        String project = api.createProject("bad-tag");
        mvc.perform(get(runsPath(project)).param("tag", tag))
                .andExpect(problem(400, "validation"))
                .andExpect(jsonPath("$.errors[*].field", hasItem("tag")));
    }

    @Test
    void listsRunsInPagesInIdOrder() throws Exception {
        String project = api.createProject("run-pages");
        JsonNode ids = json(api.uploadJson(project, RunsApi.runs("p", 5)).andReturn()).get("ids");
        JsonNode page = json(mvc.perform(get(runsPath(project)).param("page", "1").param("size", "2"))
                .andExpect(status().isOk()).andReturn());
        assertThat(page.get("totalElements").asLong()).isEqualTo(5);
        assertThat(page.get("totalPages").asInt()).isEqualTo(3);
        assertThat(page.get("content").findValues("id")).containsExactly(ids.get(2), ids.get(3));
        mvc.perform(get(runsPath(project)).param("size", "0")).andExpect(problem(400, "validation"));
        mvc.perform(get(runsPath(project)).param("size", "5000")).andExpect(problem(400, "validation"));
    }

    @Test
    void listOfUnknownProjectIs404() throws Exception {
        mvc.perform(get(runsPath(RunsApi.uniqueId("nope")))).andExpect(problem(404, "not-found"));
    }

    @Test
    void deletingARunAnswers204BumpsRevisionAndTheRunIsGone() throws Exception {
        String project = api.createProject("del-run");
        JsonNode ids = json(api.uploadJson(project, RunsApi.runs("d", 2)).andReturn()).get("ids");
        long runId = ids.get(0).asLong();
        long revision = api.revision(project);

        mvc.perform(delete(runsPath(project) + "/" + runId)).andExpect(status().isNoContent());

        assertThat(api.revision(project)).isEqualTo(revision + 1);
        assertThat(api.runCount(project)).isEqualTo(1);
        mvc.perform(get(runsPath(project) + "/" + runId)).andExpect(problem(404, "not-found"));
        mvc.perform(delete(runsPath(project) + "/" + runId)).andExpect(problem(404, "not-found"));
        assertThat(api.revision(project)).isEqualTo(revision + 1);

        // The externalId is free again after deletion.
        api.uploadJson(project, RunsApi.runs("d", 2)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.created").value(1)).andExpect(jsonPath("$.unchanged").value(1));
    }

    @Test
    void runsOfAnotherProjectAreNotVisibleOrDeletable() throws Exception {
        String owner = api.createProject("owner");
        String other = api.createProject("other");
        long runId = json(api.uploadJson(owner, RunsApi.runs("o", 1)).andReturn()).get("ids").get(0).asLong();

        mvc.perform(get(runsPath(other) + "/" + runId)).andExpect(problem(404, "not-found"));
        mvc.perform(delete(runsPath(other) + "/" + runId)).andExpect(problem(404, "not-found"));
        assertThat(api.runCount(owner)).isEqualTo(1);
        assertThat(api.revision(other)).isZero();
    }

    @Test
    void unknownRunIs404AndNonNumericRunIdIs400() throws Exception {
        String project = api.createProject("run-ids");
        mvc.perform(get(runsPath(project) + "/999999999")).andExpect(problem(404, "not-found"));
        mvc.perform(delete(runsPath(project) + "/999999999")).andExpect(problem(404, "not-found"));
        mvc.perform(get(runsPath(project) + "/abc")).andExpect(problem(400, "validation"))
                .andExpect(jsonPath("$.errors[0].field").value("runId"));
        mvc.perform(delete(runsPath(project) + "/abc")).andExpect(problem(400, "validation"));
        mvc.perform(get(runsPath(project) + "/99999999999999999999999")).andExpect(problem(400, "validation"));
        mvc.perform(get(runsPath(RunsApi.uniqueId("nope")) + "/1")).andExpect(problem(404, "not-found"));
    }
}
