package dev.scaleplan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.scaleplan.support.ApiDocumentRules;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@code openapi/openapi.yaml} is the served document, and the document is fit for generated clients
 * ({@link ApiDocumentRules}). To regenerate it after an API change run
 * {@code ./mvnw verify -Dscaleplan.openapi.write=true} (or this test alone) and commit the file. Without
 * that flag a missing file is a failure, never silently written and compared with itself.
 */
@IntegrationTest
class OpenApiContractIT {

    private static final Path COMMITTED = Path.of("openapi/openapi.yaml");
    private static final String WRITE = "scaleplan.openapi.write";
    private static final String REGENERATE = "./mvnw verify -D" + WRITE + "=true (and commit it)";

    @Autowired
    MockMvc mvc;

    @Test
    void committedDocumentEqualsServedDocument() throws Exception {
        String served = mvc.perform(get("/v3/api-docs.yaml")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        compare(COMMITTED, served, Boolean.getBoolean(WRITE));
    }

    @Test
    void aMissingDocumentFailsUnlessTheWriteFlagIsSet(@TempDir Path directory) throws Exception {
        Path missing = directory.resolve("openapi/openapi.yaml");
        assertThatThrownBy(() -> compare(missing, "openapi: 3.1.0\n", false)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("missing");
        assertThat(missing).doesNotExist();
        compare(missing, "openapi: 3.1.0\n", true);
        assertThat(missing).hasContent("openapi: 3.1.0");
        assertThatThrownBy(() -> compare(missing, "openapi: 3.2.0\n", false)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("stale");
    }

    private static void compare(Path committed, String served, boolean write) throws Exception {
        if (write) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, served);
        }
        assertThat(committed).as("openapi/openapi.yaml is missing; generate it with " + REGENERATE).exists();
        assertThat(served)
                .as("openapi/openapi.yaml is stale; regenerate with " + REGENERATE)
                .isEqualTo(Files.readString(committed));
    }

    /**
     * Every operation has a meaningful unique operationId, a 2xx, problem+json 4xx/5xx with the shared schema,
     * 401/403 when secured, and examples its schemas accept; patterns read the same in ECMA-262 and Java.
     */
    @Test
    void servedDocumentIsFitForGeneratedClients() throws Exception {
        String served = mvc.perform(get("/v3/api-docs")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(ApiDocumentRules.check(served))
                .as("The OpenAPI document breaks rules a generated client relies on (see ApiDocumentRules)")
                .isEmpty();
    }

    /** Answers' fields that are always present are required; lower/upper, null without bootstrap draws, admit null. */
    @Test
    void responseSchemasDeclareRequiredFieldsAndNullableIntervals() throws Exception {
        tools.jackson.databind.JsonNode schemas = dev.scaleplan.runs.RunsApi.json(mvc.perform(get("/v3/api-docs"))
                .andReturn()).path("components").path("schemas");
        for (String estimate : new String[] {"Estimate", "Prediction"}) {
            tools.jackson.databind.JsonNode schema = schemas.path(estimate);
            assertThat(schema.path("required").toString()).as(estimate).contains("\"lower\"", "\"upper\"");
            assertThat(schema.path("properties").path("lower").path("type").toString()).as(estimate + ".lower")
                    .contains("\"null\"", "\"number\"");
        }
        assertThat(schemas.path("Fit").path("required").toString()).contains("\"id\"", "\"runsUsed\"");
        assertThat(schemas.path("Plan").path("required").toString()).contains("\"parameters\"", "\"tokens\"");
        assertThat(schemas.path("FitRequest").has("required") ? schemas.path("FitRequest").path("required").toString() : "")
                .as("requests gain nothing a client must send").doesNotContain("\"bootstrap\"");
    }
}
