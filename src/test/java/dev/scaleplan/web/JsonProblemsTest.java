package dev.scaleplan.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonProblemsTest {

    record Body(Integer count, Map<String, String> tags, List<String> names) {
    }

    private final JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).build();

    private JacksonException failure(String json) {
        return catchThrowableOfType(JacksonException.class, () -> strict.readValue(json, Body.class));
    }

    @Test
    void namesTheFieldAndTheExpectedShapeWithoutJavaTypes() {
        JacksonException wrongShape = failure("{\"tags\": [1]}");
        assertThat(JsonProblems.error(wrongShape).pointer()).isEqualTo("/tags");
        assertThat(JsonProblems.detail(wrongShape)).contains("/tags", "must be an object").doesNotContain("java.", "`");

        JacksonException fraction = failure("{\"count\": 1.5}");
        assertThat(JsonProblems.error(fraction).message()).isEqualTo("must be an integer (no quotes, no fraction)");

        JacksonException unknown = failure("{\"colour\": 1}");
        assertThat(JsonProblems.error(unknown).pointer()).isEqualTo("/colour");
        assertThat(JsonProblems.error(unknown).message()).isEqualTo("unknown field");
    }

    @Test
    void sanitizeRemovesTypeNames() {
        assertThat(JsonProblems.sanitize("Cannot deserialize value of type `java.util.ArrayList<java.lang.String>` from "
                + "dev.scaleplan.fits.FitRequest (StreamReadConstraints.getMaxNestingDepth())"))
                .doesNotContain("java.", "dev.scaleplan", "StreamReadConstraints", "`");
    }

    @Test
    void keepsTheLineAndColumnOfAnOpenedObjectButNotTheRedactedSource() {
        String message = "Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED "
                + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])";
        assertThat(JsonProblems.sanitize(message))
                .isEqualTo("Unexpected end-of-input: expected close marker for Object (start marker at line 1, column 1)");
        assertThat(JsonProblems.sanitize("Unexpected character (start marker at [Source: REDACTED "
                + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); byte offset: #UNKNOWN])"))
                .isEqualTo("Unexpected character");
    }

    @Test
    void anUnclosedObjectIsDescribedWithoutParserInternals() {
        JacksonException unclosed = failure("{\"count\": 1");
        assertThat(JsonProblems.detail(unclosed)).contains("line 1")
                .doesNotContain("Source", "REDACTED", "#UNKNOWN", "byte offset", "…");
    }
}
