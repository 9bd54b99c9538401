package dev.scaleplan.runs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

import static dev.scaleplan.runs.RunsApi.runsPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A corpus of hostile upload bodies. Whatever arrives, the answer is a 4xx problem+json (never a
 * 5xx, never a hang) and the project's runs and revision stay exactly as they were.
 */
@IntegrationTest
class RunHostileInputIT {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String CSV = "text/csv";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    RunsApi api;

    @BeforeEach
    void setUp() {
        api = new RunsApi(mvc, jdbc);
    }

    /** One valid run with {@code field} replaced by the raw JSON {@code value}. */
    private static String runWith(String field, String value) {
        StringBuilder run = new StringBuilder("{");
        List<String> fields = new ArrayList<>(List.of("\"parameters\": 1e8", "\"tokens\": 2e9", "\"loss\": 2.5"));
        fields.removeIf(f -> f.startsWith("\"" + field + "\""));
        fields.add("\"" + field + "\": " + value);
        run.append(String.join(", ", fields));
        return "[" + run.append('}') + "]";
    }

    private static Arguments json(String name, String body) {
        return Arguments.of(name, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments csv(String name, String body) {
        return Arguments.of(name, CSV, body.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> corpus() {
        String longText = "x".repeat(10_000);
        String hugeInteger = "9".repeat(500);
        StringBuilder unknownFields = new StringBuilder("[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5");
        for (int i = 0; i < 200; i++) {
            unknownFields.append(", \"unknown").append(i).append("\": ").append(i);
        }
        unknownFields.append("}]");
        byte[] invalidUtf8 = "[{\"externalId\": \"__\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5}]"
                .getBytes(StandardCharsets.UTF_8);
        invalidUtf8[17] = (byte) 0xC3;
        invalidUtf8[18] = (byte) 0x28;
        byte[] rawNul = "[{\"externalId\": \"a_b\", \"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5}]"
                .getBytes(StandardCharsets.UTF_8);
        rawNul[18] = 0;
        return Stream.of(
                // numbers out of range
                json("parameters 0", runWith("parameters", "0")),
                json("parameters -1", runWith("parameters", "-1")),
                json("tokens -0.0", runWith("tokens", "-0.0")),
                json("loss 0", runWith("loss", "0")),
                json("loss -1", runWith("loss", "-1")),
                json("loss above 100", runWith("loss", "101")),
                json("parameters above 1e15", runWith("parameters", "1e16")),
                json("flops 0", runWith("flops", "0")),
                json("learningRate 11", runWith("learningRate", "11")),
                json("activeParameters above parameters", runWith("activeParameters", "2e8")),
                json("batchSize 0", runWith("batchSize", "0")),
                json("batchSize -1", runWith("batchSize", "-1")),
                json("batchSize 1.5", runWith("batchSize", "1.5")),
                json("batchSize 1e400", runWith("batchSize", "1e400")),
                // non-finite and extreme numbers
                json("bare NaN token", runWith("loss", "NaN")),
                json("bare Infinity token", runWith("loss", "Infinity")),
                json("bare -Infinity token", runWith("parameters", "-Infinity")),
                json("\"NaN\" string", runWith("loss", "\"NaN\"")),
                json("\"Infinity\" string", runWith("tokens", "\"Infinity\"")),
                json("1e400", runWith("parameters", "1e400")),
                json("-1e400", runWith("parameters", "-1e400")),
                json("1e-400 underflows to 0", runWith("loss", "1e-400")),
                json("flops 1e400", runWith("flops", "1e400")),
                json("500-digit integer", runWith("tokens", hugeInteger)),
                json("2000-digit integer", runWith("tokens", "1" + "0".repeat(2000))),
                json("500-digit fraction", runWith("loss", "0." + "0".repeat(500) + "1")),
                json("exponent 1e999999999", runWith("loss", "1e999999999")),
                json("hex number", runWith("loss", "0x10")),
                json("leading zeros", runWith("loss", "002.5")),
                json("metric NaN", runWith("metrics", "{\"acc\": NaN}")),
                json("metric 1e400", runWith("metrics", "{\"acc\": 1e400}")),
                json("metric as string", runWith("metrics", "{\"acc\": \"0.5\"}")),
                // wrong types
                json("number as string", runWith("loss", "\"2.5\"")),
                json("boolean number", runWith("parameters", "true")),
                json("object where number belongs", runWith("loss", "{\"value\": 2.5}")),
                json("array where number belongs", runWith("loss", "[2.5]")),
                json("number where string belongs", runWith("externalId", "42")),
                json("tags as array", runWith("tags", "[\"a\"]")),
                json("tag value as number", runWith("tags", "{\"a\": 1}")),
                json("tag value as object", runWith("tags", "{\"a\": {\"b\": \"c\"}}")),
                json("metrics as number", runWith("metrics", "0.5")),
                json("batchSize as string", runWith("batchSize", "\"512\"")),
                // nulls and missing required fields
                json("null parameters", runWith("parameters", "null")),
                json("null loss", runWith("loss", "null")),
                json("all required null", "[{\"parameters\": null, \"tokens\": null, \"loss\": null}]"),
                json("empty run object", "[{}]"),
                json("null element", "[null]"),
                json("number element", "[1]"),
                json("string element", "[\"run\"]"),
                json("nested array element", "[[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5}]]"),
                json("duplicate key, last one invalid", "[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5, \"loss\": -1}]"),
                // deep nesting
                json("10,000 [", "[".repeat(10_000)),
                json("10,000 [ closed", "[".repeat(10_000) + "]".repeat(10_000)),
                json("10,000 nested objects in tags", runWith("tags", "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000))),
                json("10,000 [ in loss", runWith("loss", "[".repeat(10_000) + "]".repeat(10_000))),
                // text hazards
                json("NUL in externalId", runWith("externalId", "\"a\\u0000b\"")),
                json("NUL in dataset", runWith("dataset", "\"web\\u0000\"")),
                json("NUL in tag value", runWith("tags", "{\"a\": \"b\\u0000\"}")),
                json("NUL in tag name", runWith("tags", "{\"a\\u0000\": \"b\"}")),
                json("NUL in metric name", runWith("metrics", "{\"a\\u0000\": 1}")),
                json("raw NUL byte in string", new String(rawNul, StandardCharsets.UTF_8)),
                json("escape char in externalId", runWith("externalId", "\"a\\u001b[31mred\"")),
                json("newline in dataset", runWith("dataset", "\"web\\nmix\"")),
                json("C1 control in dataset", runWith("dataset", "\"web\\u0085\"")),
                json("unicode tag name", runWith("tags", "{\"caf\u00e9\": \"b\"}")),
                json("emoji metric name", runWith("metrics", "{\"\uD83D\uDE80\": 1}")),
                json("10,000-char externalId", runWith("externalId", "\"" + longText + "\"")),
                json("10,000-char dataset", runWith("dataset", "\"" + longText + "\"")),
                json("10,000-char tag value", runWith("tags", "{\"a\": \"" + longText + "\"}")),
                json("10,000-char tag name", runWith("tags", "{\"" + longText + "\": \"b\"}")),
                json("10,000-char metric name", runWith("metrics", "{\"" + longText + "\": 1}")),
                json("10,000-char unknown field", runWith(longText, "1")),
                json("65 tags", runWith("tags", manyEntries(65, "\"v\""))),
                json("129 metrics", runWith("metrics", manyEntries(129, "1"))),
                Arguments.of("invalid UTF-8", JSON, invalidUtf8),
                // body shape
                json("empty body", ""),
                json("whitespace body", "  \n\t "),
                json("{} instead of array", "{}"),
                json("a single run object", "{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5}"),
                json("[]", "[]"),
                json("null", "null"),
                json("string", "\"runs\""),
                json("number", "42"),
                json("trailing garbage", "[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5}] garbage"),
                json("second array", "[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5}][]"),
                json("trailing comma in array", "[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5},]"),
                json("unclosed array", "[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5}"),
                json("unclosed object", "[{\"parameters\": 1e8, \"tokens\": 2e9"),
                json("unclosed string", "[{\"externalId\": \"abc"),
                json("single quotes", "[{'parameters': 1e8, 'tokens': 2e9, 'loss': 2.5}]"),
                json("comment", "[/* c */{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5}]"),
                json("200 unknown fields", unknownFields.toString()),
                json("CSV sent as JSON", "parameters,tokens,loss\n1e8,2e9,2.5\n"),
                // CSV
                csv("CSV NUL in externalId", "externalId,parameters,tokens,loss\na\u0000b,1e8,2e9,2.5\n"),
                csv("CSV NUL in tag", "parameters,tokens,loss,tag.a\n1e8,2e9,2.5,b\u0000\n"),
                csv("CSV unicode tag column", "parameters,tokens,loss,tag.caf\u00e9\n1e8,2e9,2.5,b\n"),
                csv("CSV empty tag name", "parameters,tokens,loss,tag.\n1e8,2e9,2.5,b\n"),
                csv("CSV NaN", "parameters,tokens,loss\n1e8,2e9,NaN\n"),
                csv("CSV Infinity", "parameters,tokens,loss\nInfinity,2e9,2.5\n"),
                csv("CSV 1e400", "parameters,tokens,loss\n1e400,2e9,2.5\n"),
                csv("CSV 1e-400", "parameters,tokens,loss\n1e8,2e9,1e-400\n"),
                csv("CSV 500-digit integer", "parameters,tokens,loss\n" + hugeInteger + ",2e9,2.5\n"),
                csv("CSV metric NaN", "parameters,tokens,loss,metric.acc\n1e8,2e9,2.5,NaN\n"),
                csv("CSV batchSize 1.5", "parameters,tokens,loss,batchSize\n1e8,2e9,2.5,1.5\n"),
                csv("CSV 10,000-char externalId", "externalId,parameters,tokens,loss\n" + longText + ",1e8,2e9,2.5\n"),
                csv("CSV 10,000-char column", "parameters,tokens,loss," + longText + "\n1e8,2e9,2.5,1\n"),
                csv("CSV JSON sent as CSV", "[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5}]"),
                csv("CSV text after closing quote", "externalId,parameters,tokens,loss\n\"a\"b,1e8,2e9,2.5\n"),
                csv("CSV unclosed quote", "externalId,parameters,tokens,loss\n\"a,1e8,2e9,2.5\n"),
                csv("CSV only commas", ",,,\n,,,\n"),
                // one set of bounds on stored values, limits while reading
                json("duplicate key, last one valid", "[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": -3, \"loss\": 3}]"),
                json("subnormal loss 1e-320", runWith("loss", "1e-320")),
                json("subnormal parameters", runWith("parameters", "4.9e-324")),
                json("subnormal flops", runWith("flops", "1e-310")),
                json("subnormal metric", runWith("metrics", "{\"acc\": 1e-320}")),
                json("defaulted flops underflows", "[{\"parameters\": 1e-200, \"tokens\": 1e-200, \"loss\": 2.5}]"),
                json("defaulted flops above 1e32", "[{\"parameters\": 1e15, \"tokens\": 1e17, \"loss\": 2.5}]"),
                json("10,000 tags in one run", runWith("tags", manyEntries(10_000, "\"v\""))),
                csv("CSV header with 10,000 tag columns", tagColumns(10_000, 3)),
                csv("CSV row with 100 tags", tagColumns(100, 2)),
                csv("CSV record of 2 million characters", "externalId,parameters,tokens,loss\n\""
                        + "x".repeat(2_000_000) + "\",1e8,2e9,2.5\n"),
                csv("CSV defaulted flops above 1e32", "parameters,tokens,loss\n1e15,1e17,2.5\n"));
    }

    /** A CSV upload whose header has {@code columns} tag columns, each filled in every one of {@code rows} rows. */
    static String tagColumns(int columns, int rows) {
        StringBuilder csv = new StringBuilder("parameters,tokens,loss");
        for (int i = 0; i < columns; i++) {
            csv.append(",tag.t").append(i);
        }
        csv.append('\n');
        for (int r = 0; r < rows; r++) {
            csv.append("1e8,2e9,2.5").append(",v".repeat(columns)).append('\n');
        }
        return csv.toString();
    }

    private static String manyEntries(int n, String value) {
        StringBuilder entries = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            entries.append(i > 0 ? ", " : "").append("\"k").append(i).append("\": ").append(value);
        }
        return entries.append('}').toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void rejectsHostileUploadWithClientErrorProblemAndStoresNothing(String name, String contentType, byte[] body)
            throws Exception {
        String project = api.createProject("hostile");
        api.uploadJson(project, "[" + RunsApi.run("seed", 2.5) + "]");
        long runs = api.storedRuns(project);
        long revision = api.revision(project);

        MvcResult result = mvc.perform(post(runsPath(project)).contentType(contentType).content(body)).andReturn();

        int status = result.getResponse().getStatus();
        String responseBody = RunsApi.body(result);
        assertThat(status).as("status for %s: %s", name, responseBody).isBetween(400, 499);
        assertThat(result.getResponse().getContentType()).as(name).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = RunsApi.json(responseBody);
        assertThat(problem.get("type").asString()).startsWith("https://scaleplan.dev/problems/");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank().hasSizeLessThan(2_000);
        assertThat(responseBody).as("the problem stays small whatever was sent").hasSizeLessThan(64_000);
        assertThat(responseBody).as("no Java or Jackson types").doesNotContain("java.", "tools.jackson", "dev.scaleplan",
                "StreamReadConstraints", "JsonToken");
        assertThat(api.storedRuns(project)).as(name).isEqualTo(runs);
        assertThat(api.revision(project)).as(name).isEqualTo(revision);
    }

    @Test
    void rejectsUploadWithUnknownFieldsListingAtMostAHundred() throws Exception {
        String project = api.createProject("unknown-fields");
        StringBuilder run = new StringBuilder("[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5");
        for (int i = 0; i < 200; i++) {
            run.append(", \"unknown").append(i).append("\": ").append(i);
        }
        MvcResult result = api.uploadJson(project, run.append("}]").toString()).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        JsonNode errors = RunsApi.json(result).get("errors");
        assertThat(errors).hasSize(100);
        assertThat(errors.get(0).get("row").asInt()).isEqualTo(1);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("unknown0");
        assertThat(RunsApi.json(result).get("detail").asString()).contains("200 error(s)");
    }

    @Test
    void aNonNumericTokenNamesItsRowAndField() throws Exception {
        String project = api.createProject("nan-token");
        MvcResult result = api.uploadJson(project, "[" + RunsApi.run("first", 2.5)
                + ", {\"parameters\": NaN, \"tokens\": 2e9, \"loss\": 2.5}]").andReturn();

        assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isEqualTo(400);
        JsonNode error = RunsApi.json(result).get("errors").get(0);
        assertThat(error.get("row").asInt()).isEqualTo(2);
        assertThat(error.get("field").asString()).isEqualTo("parameters");
        assertThat(error.get("message").asString()).isEqualTo("'NaN' is not a JSON number; send a finite number");
        assertThat(api.storedRuns(project)).isZero();
    }

    @Test
    void unreadableCsvIsDescribedWithoutJavaNames() throws Exception {
        String project = api.createProject("csv-words");
        MvcResult unclosed = mvc.perform(post(runsPath(project)).contentType("text/csv")
                .content("parameters,tokens,loss\n1e8,1e9,\"3\n")).andReturn();
        MvcResult notUtf8 = mvc.perform(post(runsPath(project)).contentType("text/csv")
                .content(notUtf8())).andReturn();

        assertThat(unclosed.getResponse().getStatus()).isEqualTo(400);
        assertThat(RunsApi.json(unclosed).get("detail").asString()).contains("EOF reached before encapsulated token")
                .doesNotContain("org.apache", "Exception");
        assertThat(notUtf8.getResponse().getStatus()).isEqualTo(400);
        assertThat(RunsApi.json(notUtf8).get("detail").asString()).endsWith("the body is not valid UTF-8")
                .doesNotContain("java.", "Exception");
        assertThat(api.storedRuns(project)).isZero();
    }

    private static byte[] notUtf8() {
        byte[] head = "parameters,tokens,loss\n1e8,1e9,3\n".getBytes(StandardCharsets.US_ASCII);
        byte[] body = java.util.Arrays.copyOf(head, head.length + 7);
        System.arraycopy(new byte[] {(byte) 0xff, (byte) 0xfe, ',', '1', ',', '2', '\n'}, 0, body, head.length, 7);
        return body;
    }

    @Test
    void loneSurrogateInTextIsNeverAServerError() throws Exception {
        String project = api.createProject("surrogate");
        MvcResult result = api.uploadJson(project, runWith("tags", "{\"a\": \"x\\udc00y\"}")).andReturn();
        assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isLessThan(500);
    }

    @Test
    void rejectsLoneSurrogateInExternalIdInsteadOfStoringAReplacementCharacter() throws Exception {
        String project = api.createProject("surrogate-key");
        MvcResult result = api.uploadJson(project, runWith("externalId", "\"a\\ud800b\"")).andReturn();
        String stored = jdbc.sql("SELECT external_id FROM run WHERE project_id = :p").param("p", project)
                .query(String.class).optional().orElse(null);
        assertThat(result.getResponse().getStatus()).as("stored %s", stored).isEqualTo(400);
        assertThat(api.storedRuns(project)).isZero();
    }
}
