package dev.scaleplan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.scaleplan.support.ApiDocumentRules;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@code openapi/openapi.yaml} is the served document, and the document is fit for generated clients
 * ({@link ApiDocumentRules}). To regenerate it after an API change run
 * {@code ./mvnw verify -Dscaleplan.openapi.write=true} (or this test alone) and commit the file.
 */
@IntegrationTest
class OpenApiContractIT {

    private static final Path COMMITTED = Path.of("openapi/openapi.yaml");

    @Autowired
    MockMvc mvc;

    @Test
    void committedDocumentEqualsServedDocument() throws Exception {
        String served = mvc.perform(get("/v3/api-docs.yaml")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        if (Boolean.getBoolean("scaleplan.openapi.write") || !Files.exists(COMMITTED)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, served);
        }
        assertThat(served)
                .as("openapi/openapi.yaml is stale; regenerate with ./mvnw verify -Dscaleplan.openapi.write=true")
                .isEqualTo(Files.readString(COMMITTED));
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
}
