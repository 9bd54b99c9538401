package dev.scaleplan.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;

import com.fasterxml.jackson.core.StreamWriteFeature;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and overview of the served OpenAPI document, and the rules every operation in it follows. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    /**
     * Problem answers, shared 401/403/415/5xx, decimal query parameters and anchored patterns for every
     * operation, including ones added later.
     */
    @Bean
    ApiContractCustomizer apiContractCustomizer(ObjectMapperProvider documentMappers) {
        // JDK 17's Double.toString prints 1e23 as 9.999999999999999E22 (JDK-4511638); Jackson's Schubfach
        // writer prints the shortest form, so the document's numbers read as they were written.
        documentMappers.jsonMapper().getFactory().configure(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature(), true);
        documentMappers.yamlMapper().getFactory().configure(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature(), true);
        return new ApiContractCustomizer();
    }

    /** Required and nullable fields of answers, from the records' Java types. */
    @Bean
    ResponseFieldsCustomizer responseFieldsCustomizer() {
        return new ResponseFieldsCustomizer();
    }

    /** One description and example for each named path parameter (projectId, fitId, …). */
    @Bean
    PathParameters pathParameters() {
        return new PathParameters();
    }

    @Bean
    OpenAPI scaleplanOpenApi() {
        return new OpenAPI()
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API key: `Authorization: Bearer <key>`. Scopes: read (GET), write (changes), admin (keys).")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .servers(List.of(new Server().url("/").description("This server"))).info(new Info()
                .title("scaleplan API")
                .version("v1")
                .license(new License().name("Apache-2.0").identifier("Apache-2.0"))
                .description("""
                        Training-run planning with neural scaling laws.

                        1. Create a project (`POST /api/v1/projects`).
                        2. Upload the results of your experiments (`POST /api/v1/projects/{projectId}/runs`, JSON or CSV).
                        3. Fit a scaling law and read its estimates, intervals, predictions and curves.
                        4. Ask for a plan: how big a model, how many tokens, what loss, at what cost.

                        Every `/api/v1` call needs an API key (`Authorization: Bearer <key>`; use **Authorize** \
                        above). Scopes: `read` for GET, `write` for changes, `admin` for managing keys.

                        Errors are RFC 9457 `application/problem+json` with a stable `type` URI; validation errors \
                        list every offending field or row in `errors`."""));
    }
}
