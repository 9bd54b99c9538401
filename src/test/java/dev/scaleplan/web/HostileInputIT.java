package dev.scaleplan.web;

import java.util.stream.Stream;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Hostile input for every endpoint besides run uploads (which have their own corpus): never a
 * 5xx, always problem+json, and nothing stored.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final String P = "/api/v1/projects/hostile";
    private static final String DEEP = "[".repeat(5000) + "]".repeat(5000);
    private static final String LONG = "x".repeat(100_000);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void project() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"hostile\", \"name\": \"Hostile\"}"));
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                // projects
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"a\\u0000b\", \"name\": \"x\"}"),
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"ok-id\", \"name\": \"a\\u0000b\"}"),
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"ok-id\", \"name\": \"" + LONG + "\"}"),
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"ok-id\", \"name\": \"x\", \"flopsPerToken\": 1e400}"),
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"ok-id\", \"name\": \"x\", \"flopsPerToken\": NaN}"),
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"ok-id\", \"name\": \"x\", \"flopsPerToken\": \"Infinity\"}"),
                Arguments.of("POST", "/api/v1/projects", "{\"id\": [1], \"name\": {}}"),
                Arguments.of("POST", "/api/v1/projects", DEEP),
                Arguments.of("POST", "/api/v1/projects", ""),
                Arguments.of("POST", "/api/v1/projects", "[]"),
                Arguments.of("PATCH", P, "{\"flopsPerToken\": -6}"),
                Arguments.of("PATCH", P, "{\"name\": \"\"}"),
                Arguments.of("GET", "/api/v1/projects?page=-1", null),
                Arguments.of("GET", "/api/v1/projects?page=99999999999", null),
                Arguments.of("GET", "/api/v1/projects?size=abc", null),
                // fits
                Arguments.of("POST", P + "/fits", "{}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla; DROP TABLE run\"}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 1000000}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": -1}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"confidenceLevel\": 1.5}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"huberDelta\": 0}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"huberDelta\": 1e400}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"holdout\": 0.9}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"loss\": \"cubic\"}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"seed\": \"abc\"}"),
                Arguments.of("POST", P + "/fits", DEEP),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\"}"),
                Arguments.of("GET", P + "/fits/abc", null),
                Arguments.of("GET", P + "/fits/99999999/prediction?parameters=1e9&tokens=1e10", null),
                Arguments.of("GET", P + "/fits/latest?form=" + "z".repeat(500), null),
                Arguments.of("GET", P + "/fits/1/prediction?parameters=NaN&tokens=1e10", null),
                Arguments.of("GET", P + "/fits/1/curve?points=100000", null),
                // plans
                Arguments.of("POST", P + "/plans", "{}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 0}}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1}}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": \"lots\"}}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"target-loss\", \"targetLoss\": -2}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"accelerator\": \"h100-sxm\", "
                        + "\"count\": 99999999999999, \"hours\": 1e300}}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"compute-optimal\", \"fitId\": -5, \"budget\": {\"flops\": 1e20}}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e20}}"),
                Arguments.of("GET", P + "/plans/xyz", null),
                // keys
                Arguments.of("POST", "/api/v1/keys", "{\"name\": \"a\\u0000\", \"scopes\": [\"read\"]}"),
                Arguments.of("POST", "/api/v1/keys", "{\"name\": \"x\", \"scopes\": [null]}"),
                Arguments.of("POST", "/api/v1/keys", "{\"name\": \"x\", \"scopes\": \"admin\"}"),
                Arguments.of("DELETE", "/api/v1/keys/abc", null),
                // accelerators and unknown paths
                Arguments.of("POST", "/api/v1/accelerators", "{}"),
                Arguments.of("GET", "/api/v1/nothing-here", null),
                // strict JSON, unpaired surrogates, bounds, filters
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"ok-id\", \"name\": \"x\", \"colour\": \"red\"}"),
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"ok-id\", \"name\": \"x\", \"name\": \"y\"}"),
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"ok-id\", \"name\": \"\\ud800\"}"),
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"ok-id\", \"name\": \"x\", \"description\": \"a\\udc00\"}"),
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"ok-id\", \"name\": \"x\", \"flopsPerToken\": \"6\"}"),
                Arguments.of("POST", "/api/v1/projects", "{\"id\": \"ok-id\", \"name\": \"x\", \"flopsPerToken\": 1e-320}"),
                Arguments.of("PATCH", P, "{\"name\": \"\\ud800\"}"),
                Arguments.of("PATCH", P, "{\"flopsPerToken\": 6, \"flopsPerToken\": -6}"),
                Arguments.of("PATCH", P, "{\"runCount\": 5}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"colour\": \"red\"}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": \"10\"}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 10.5}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 10, \"bootstrap\": 20}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"seed\": 4.2}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"filter\": {\"dataset\": \"\\u0000\"}}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"filter\": {\"tags\": {\"sweep\": null}}}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"filter\": {\"tags\": [1]}}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"filter\": {\"tags\": {\"a\": \"b\\u0000\"}}}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"filter\": {\"tags\": {\"a b\": \"c\"}}}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"filter\": {\"colour\": \"red\"}}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": \"1e23\"}}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e23}, "
                        + "\"uniqueTokens\": 1e-320}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"target-loss\", \"targetLoss\": 1e-320}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"fixed-parameters\", \"parameters\": 1e-320, "
                        + "\"budget\": {\"flops\": 1e23}}"),
                Arguments.of("POST", P + "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e23, "
                        + "\"flopz\": 1}}"),
                Arguments.of("POST", "/api/v1/keys", "{\"name\": \"x\", \"scopes\": [\"read\"], \"admin\": true}"),
                Arguments.of("POST", "/api/v1/keys", "{\"name\": \"\\ud800\", \"scopes\": [\"read\"]}"),
                Arguments.of("GET", P + "/runs?tag=a%00:b", null),
                Arguments.of("GET", P + "/runs?tag.a%00=b", null),
                Arguments.of("GET", P + "/runs?tag=novalue", null),
                // sub-normal Huber δ, numbers for text, hexadecimal numbers, broken JSON
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"huberDelta\": 1e-320}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"filter\": {\"tags\": {\"a\": 1}}}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"filter\": {\"dataset\": true}}"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\""),
                Arguments.of("GET", P + "/fits/0x10", null),
                Arguments.of("GET", P + "/fits/1/prediction?parameters=0x1p3&tokens=1e10", null),
                Arguments.of("GET", P + "/fits/1/prediction?parameters=8d&tokens=1e10", null),
                Arguments.of("GET", "/api/v1/projects?page=0x1", null));
    }

    static Stream<Arguments> namedParameters() {
        return Stream.of(
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"huberDelta\": 1e-320}", "huberDelta"),
                Arguments.of("POST", P + "/fits", "{\"form\": \"chinchilla\", \"filter\": {\"tags\": {\"a\": 1}}}", "a"),
                Arguments.of("GET", P + "/fits/0x10", null, "fitId"),
                Arguments.of("GET", P + "/fits/1/prediction?parameters=0x1p3&tokens=1e10", null, "parameters"),
                Arguments.of("GET", P + "/fits/1/curve?from=0x1p60", null, "from"),
                Arguments.of("GET", "/api/v1/projects?size=0x10", null, "size"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("namedParameters")
    void rejectsWith400NamingTheParameter(String method, String path, String body, String name) throws Exception {
        var request = request(HttpMethod.valueOf(method), java.net.URI.create(path));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MvcResult result = mvc.perform(request).andReturn();
        String problem = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(problem).isEqualTo(400);
        assertThat(problem).contains("\"field\":\"" + name + "\"");
    }

    static Stream<String> malformedJson() {
        return Stream.of("{\"form\": \"chinchilla\"", "{\"form\": ", "{\"form\": \"chin", "{\"form\" \"chinchilla\"}",
                "{\"filter\": {\"tags\": {\"a\": \"b\"}", "[{]", "{\"form\": tru}");
    }

    @ParameterizedTest
    @MethodSource("malformedJson")
    void malformedJsonIsDescribedWithoutParserInternals(String body) throws Exception {
        MvcResult result = mvc.perform(post(P + "/fits").contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
        String problem = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(problem).isEqualTo(400);
        assertThat(problem).contains("line 1").doesNotContain("Source", "REDACTED", "#UNKNOWN", "byte offset",
                "StreamReadFeature", "…;");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("corpus")
    void answersWithAClientErrorAndStoresNothing(String method, String path, String body) throws Exception {
        long before = stored();
        var request = request(HttpMethod.valueOf(method), java.net.URI.create(path));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MvcResult result = mvc.perform(request).andReturn();
        int status = result.getResponse().getStatus();
        assertThat(status).as(result.getResponse().getContentAsString()).isBetween(400, 499);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(result.getResponse().getContentAsString()).as("no Java or Jackson types")
                .doesNotContain("java.", "tools.jackson", "dev.scaleplan", "StreamReadConstraints", "JsonToken", "`");
        assertThat(stored()).isEqualTo(before);
    }

    static Stream<Arguments> namedFields() {
        return Stream.of(
                Arguments.of(P + "/fits", "{\"form\": \"chinchilla\", \"colour\": \"red\"}", "/colour", "unknown field"),
                Arguments.of(P + "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": \"10\"}", "/bootstrap", "integer"),
                Arguments.of(P + "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 10.5}", "/bootstrap", "integer"),
                Arguments.of(P + "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 1, \"bootstrap\": 2}", "/bootstrap",
                        "more than once"),
                Arguments.of(P + "/fits", "{\"form\": \"chinchilla\", \"filter\": {\"tags\": [1]}}", "/filter/tags", "object"),
                Arguments.of(P + "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": \"1e23\"}}",
                        "/budget/flops", "number"),
                Arguments.of("/api/v1/projects", "{\"id\": \"x\", \"name\": \"x\", \"name\": \"y\"}", "/name", "more than once"),
                // JSON has no NaN or Infinity: the parser refuses them before any field is bound, yet the field is named.
                Arguments.of(P + "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": NaN}}",
                        "/budget/flops", "'NaN' is not a JSON number"),
                Arguments.of(P + "/plans", "{\"objective\": -Infinity}", "/objective", "'-Infinity' is not a JSON number"),
                Arguments.of("/api/v1/projects", "{\"id\": \"x\", \"name\": \"x\", \"flopsPerToken\": Infinity}",
                        "/flopsPerToken", "'Infinity' is not a JSON number"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("namedFields")
    void unreadableBodiesNameTheFieldInTheirOwnWords(String path, String body, String pointer, String words)
            throws Exception {
        MvcResult result = mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
        String problem = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(problem).isEqualTo(400);
        assertThat(problem).contains("\"pointer\":\"" + pointer + "\"").contains(words)
                .doesNotContain("java.", "tools.jackson", "dev.scaleplan", "`");
    }

    private long stored() {
        return jdbc.sql("SELECT (SELECT count(*) FROM project) + (SELECT count(*) FROM run) + (SELECT count(*) FROM fit)"
                + " + (SELECT count(*) FROM plan) + (SELECT count(*) FROM api_key)").query(Long.class).single();
    }
}
