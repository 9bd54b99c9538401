package dev.scaleplan.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.Set;

import dev.scaleplan.web.ProblemSchema;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * Document-wide rules, applied to every operation so that endpoints added later follow them without
 * per-controller annotations:
 * <ul>
 *   <li>every 4xx/5xx answer is {@code application/problem+json} with the one shared {@code Problem} schema;</li>
 *   <li>secured operations document 401 and 403; every operation 500 and 503 (database unavailable);
 *       operations with parameters or a body 400, with a body 415 naming the accepted media types;</li>
 *   <li>numeric query parameters are documented as decimal strings, so Swagger UI's Try-it-out accepts
 *       scientific notation ({@code 1e19}; its number check takes plain decimals only) — the server parses
 *       them as doubles as before;</li>
 *   <li>optional parameters carry no {@code example}: Swagger UI's Try-it-out fills every example in and sends
 *       it, so an example of {@code flops} or {@code band} would change the answer; the example moves into the
 *       description as text;</li>
 *   <li>patterns are anchored: Bean Validation matches the whole value, JSON Schema's {@code pattern}
 *       (ECMA-262) searches inside it, so {@code ^(?:…)$} keeps the two meanings equal.</li>
 * </ul>
 */
class ApiContractCustomizer implements GlobalOpenApiCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "Problem";

    /** A decimal number in plain or scientific notation; valid as ECMA-262 and as Java regex. */
    static final String DECIMAL_PATTERN = "^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$";

    private static final String REF = "#/components/responses/";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Components components = openApi.getComponents();
        ModelConverters.getInstance(true).readAll(ProblemSchema.class).forEach(components::addSchemas);
        addSharedResponses(components);
        boolean securedByDefault = openApi.getSecurity() != null && !openApi.getSecurity().isEmpty();
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperationsMap()
                    .forEach((method, operation) -> customise(method, operation, securedByDefault)));
        }
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(ApiContractCustomizer::anchorPatterns);
            components.getSchemas().values().forEach(ApiContractCustomizer::requiredFromMarks);
            removeUnusedSchemas(openApi);
        }
    }

    /** Properties marked by {@link ResponseFieldsCustomizer} join their schema's {@code required} list. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void requiredFromMarks(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            Map<String, Object> extensions = ((Schema) property).getExtensions();
            if (extensions != null && extensions.remove(ResponseFieldsCustomizer.REQUIRED) != null) {
                if (schema.getRequired() == null || !schema.getRequired().contains(name)) {
                    schema.addRequiredItem(name);
                }
                if (extensions.isEmpty()) {
                    ((Schema) property).setExtensions(null);
                }
            }
        });
    }

    /** Drops schemas nothing refers to, such as the one springdoc derives from a streamed body's Java type. */
    @SuppressWarnings("rawtypes")
    private static void removeUnusedSchemas(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        boolean removed = true;
        while (removed) {
            String document = Json31.pretty(openApi);
            removed = schemas.keySet().removeIf(name -> !document.contains("\"#/components/schemas/" + name + "\""));
        }
    }

    private static void customise(PathItem.HttpMethod method, Operation operation, boolean securedByDefault) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.getResponses();
        responses.forEach((code, response) -> {
            if (isError(code) && response.get$ref() == null) {
                response.setContent(problemContent());
            }
        });
        boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if ((hasParameters || operation.getRequestBody() != null) && !responses.containsKey("400")) {
            responses.addApiResponse("400", new ApiResponse().$ref(REF + "BadRequest"));
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            ApiResponse unsupported = unsupportedMediaType(method, operation.getRequestBody().getContent().keySet());
            ApiResponse declared = responses.get("415");
            if (declared == null) {
                responses.addApiResponse("415", unsupported);
            } else if (declared.get$ref() == null && declared.getHeaders() == null) {
                declared.setHeaders(unsupported.getHeaders());
            }
        }
        boolean secured = operation.getSecurity() == null ? securedByDefault : !operation.getSecurity().isEmpty();
        if (secured) {
            responses.putIfAbsent("401", new ApiResponse().$ref(REF + "Unauthorized"));
            responses.putIfAbsent("403", new ApiResponse().$ref(REF + "Forbidden"));
        }
        responses.putIfAbsent("500", new ApiResponse().$ref(REF + "InternalError"));
        responses.putIfAbsent("503", new ApiResponse().$ref(REF + "ServiceUnavailable"));
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(ApiContractCustomizer::decimalQueryParameter);
            operation.getParameters().forEach(ApiContractCustomizer::arrayExample);
            operation.getParameters().forEach(ApiContractCustomizer::optionalWithoutExample);
            operation.getParameters().forEach(parameter -> anchorPatterns(parameter.getSchema()));
        }
    }

    private static boolean isError(String code) {
        return code.startsWith("4") || code.startsWith("5");
    }

    static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    private static void addSharedResponses(Components components) {
        components.addResponses("BadRequest", problem("Invalid parameters or body; `errors` names each one"));
        components.addResponses("Unauthorized", problem("No valid API key; send `Authorization: Bearer <key>`")
                .addHeaderObject("WWW-Authenticate", header("`Bearer`")));
        components.addResponses("Forbidden", problem("The API key lacks the scope this call needs "
                + "(read for GET, write for changes, admin for keys)"));
        components.addResponses("InternalError", problem("An unexpected error; it has been logged"));
        components.addResponses("ServiceUnavailable", problem("The database or the fitting slots are busy or "
                + "unavailable; retry after `Retry-After` seconds")
                .addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                        .schema(new Schema<Integer>().type("integer").types(Set.of("integer")))));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Header header(String description) {
        return new Header().description(description).schema(stringSchema());
    }

    private static ApiResponse unsupportedMediaType(PathItem.HttpMethod method, Collection<String> accepted) {
        String types = String.join(", ", accepted);
        ApiResponse response = problem("The body's `Content-Type` is not accepted; send one of: " + types
                + ". The `Accept` header lists them too.")
                .addHeaderObject("Accept", header("The accepted media types: " + types));
        if (method == PathItem.HttpMethod.POST) {
            response.addHeaderObject("Accept-Post", header("The media types this POST accepts: " + types));
        }
        if (method == PathItem.HttpMethod.PATCH) {
            response.addHeaderObject("Accept-Patch", header("The media types this PATCH accepts: " + types));
        }
        return response;
    }

    /** A numeric query parameter as a decimal string (Swagger UI then accepts 1e19); examples follow. */
    private static void decimalQueryParameter(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        if (!"query".equals(parameter.getIn()) || schema == null || !isNumber(schema)) {
            return;
        }
        Schema<String> decimal = stringSchema();
        decimal.setPattern(DECIMAL_PATTERN);
        decimal.setFormat("decimal");
        if (schema.getDefault() != null) {
            decimal.setDefault(decimalText(schema.getDefault()));
        }
        parameter.setSchema(decimal);
        if (parameter.getExample() != null) {
            parameter.setExample(decimalText(parameter.getExample()));
        }
        String note = "A number; scientific notation such as `1e19` is welcome.";
        parameter.setDescription(parameter.getDescription() == null ? note : parameter.getDescription() + ". " + note);
    }

    /** A repeatable parameter's example is a list: {@code tag=sweep:1} documents as {@code [sweep:1]}. */
    private static void arrayExample(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        boolean array = schema != null && ("array".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("array")));
        if (array && parameter.getExample() != null && !(parameter.getExample() instanceof List<?>)) {
            parameter.setExample(List.of(parameter.getExample()));
        }
    }

    /** An optional parameter's example becomes words in its description (see the class comment). */
    private static void optionalWithoutExample(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        Object example = parameter.getExample() != null ? parameter.getExample()
                : schema != null ? schema.getExample() : null;
        if (Boolean.TRUE.equals(parameter.getRequired()) || example == null) {
            return;
        }
        String text = example instanceof List<?> list
                ? String.join("&", list.stream().map(value -> parameter.getName() + "=" + value).toList())
                : parameter.getName() + "=" + example;
        String note = "For example `" + text + "`.";
        String description = parameter.getDescription();
        parameter.setDescription(description == null ? note
                : description + (description.endsWith(".") ? " " : ". ") + note);
        parameter.setExample(null);
        if (schema != null) {
            schema.setExample(null);
            schema.setExampleSetFlag(false);
        }
    }

    private static boolean isNumber(Schema<?> schema) {
        return "number".equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains("number"));
    }

    private static Schema<String> stringSchema() {
        Schema<String> schema = new Schema<>();
        schema.setType("string");
        schema.setTypes(Set.of("string"));
        return schema;
    }

    /** 7.0E10 → "7e10", 1.4E12 → "1.4e12", 0.5 → "0.5": how an engineer would type it. */
    static String decimalText(Object number) {
        BigDecimal value = new BigDecimal(number.toString()).stripTrailingZeros();
        int exponent = value.precision() - value.scale() - 1;
        if (Math.abs(exponent) < 6) {
            return value.toPlainString();
        }
        return value.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }

    @SuppressWarnings("rawtypes")
    private static void anchorPatterns(Schema<?> schema) {
        List<Schema> pending = new ArrayList<>();
        pending.add(schema);
        while (!pending.isEmpty()) {
            Schema next = pending.remove(pending.size() - 1);
            if (next == null) {
                continue;
            }
            String pattern = next.getPattern();
            if (pattern != null && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
                next.setPattern("^(?:" + pattern + ")$");
            }
            if (next.getProperties() != null) {
                pending.addAll(next.getProperties().values());
            }
            pending.add(next.getItems());
            if (next.getAdditionalProperties() instanceof Schema<?> additional) {
                pending.add(additional);
            }
            for (List<Schema> composed : Arrays.asList(next.getAllOf(), next.getAnyOf(), next.getOneOf())) {
                if (composed != null) {
                    composed.forEach(pending::add);
                }
            }
        }
    }
}
