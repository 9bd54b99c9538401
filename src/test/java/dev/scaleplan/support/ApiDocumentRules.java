package dev.scaleplan.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * What every operation of the document must have for a generated client to be pleasant and right. Each
 * violation names the operation ({@code METHOD path (operationId)}) and what it lacks, so a new endpoint
 * that misses one fails with a message saying exactly what to add.
 */
public final class ApiDocumentRules {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_REF = "#/components/schemas/Problem";

    /** verbNoun in camelCase: listRuns, getFit, predictLoss; not list_1, not a bare verb. */
    private static final Pattern MEANINGFUL_ID = Pattern.compile("[a-z]+[A-Z][A-Za-z0-9]*");
    private static final Pattern JAVA_ONLY_REGEX = Pattern.compile(
            "\\\\p\\{(?:Lower|Upper|ASCII|Alpha|Digit|Alnum|Punct|Graph|Print|Blank|Cntrl|XDigit|Space|java\\w+|Is\\w+|In\\w+)}"
                    + "|\\\\[AZzQEG]|\\(\\?>|\\(\\?[a-zA-Z]+[:)]|[*+?}]\\+");
    private static final Set<String> SCHEMA_CHILDREN = Set.of("items", "additionalProperties", "not",
            "contains", "propertyNames", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

    private final OpenAPI openApi;
    private final JsonNode tree;
    private final List<String> violations = new ArrayList<>();
    /** OpenAPI 3.1's schema dialect (JSON Schema 2020-12 plus example, discriminator, …); components are where $refs point. */
    private static final JsonMetaSchema DIALECT = JsonMetaSchema.builder(OpenApi31.getInstance())
            .keyword(new NonValidationKeyword("components")).build();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(DIALECT).defaultMetaSchemaIri(DIALECT.getIri()));

    private ApiDocumentRules(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        result.getMessages().forEach(message -> violations.add("The parser reports: " + message));
        this.openApi = result.getOpenAPI();
        try {
            this.tree = new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("Not JSON", e);
        }
    }

    /** Every violation in the OpenAPI document given as JSON; empty when it is fit for clients. */
    public static List<String> check(String json) {
        ApiDocumentRules rules = new ApiDocumentRules(json);
        if (rules.openApi == null) {
            return rules.violations;
        }
        rules.operations();
        rules.examples();
        rules.patterns(rules.tree, "");
        return rules.violations;
    }

    private void operations() {
        Map<String, String> ids = new LinkedHashMap<>();
        boolean securedByDefault = openApi.getSecurity() != null && !openApi.getSecurity().isEmpty();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path + " (" + operation.getOperationId() + ")";
            operationId(name, operation, ids);
            responses(name, operation, securedByDefault);
        }));
    }

    private void operationId(String name, Operation operation, Map<String, String> ids) {
        String id = operation.getOperationId();
        if (id == null || id.isBlank()) {
            violations.add(name + ": no operationId; add @Operation(operationId = \"verbNoun\")");
            return;
        }
        if (!MEANINGFUL_ID.matcher(id).matches()) {
            violations.add(name + ": operationId '" + id + "' is generic; name it verbNoun in camelCase "
                    + "(listRuns, getFit, predictLoss) with @Operation(operationId = ...)");
        }
        String earlier = ids.putIfAbsent(id, name);
        if (earlier != null) {
            violations.add(name + ": operationId '" + id + "' is also used by " + earlier);
        }
    }

    private void responses(String name, Operation operation, boolean securedByDefault) {
        Map<String, ApiResponse> responses = operation.getResponses() == null ? Map.of() : operation.getResponses();
        if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
            violations.add(name + ": no 2xx response; add @ApiResponse(responseCode = \"200\", description = ...)");
        }
        if (responses.keySet().stream().noneMatch(code -> code.startsWith("4"))) {
            violations.add(name + ": no 4xx response");
        }
        responses.forEach((code, response) -> {
            ApiResponse resolved = resolve(response);
            if (resolved == null) {
                violations.add(name + ": response " + code + " refers to a missing " + response.get$ref());
            } else if (code.startsWith("2")) {
                successContent(name, code, resolved);
            } else if (code.startsWith("4") || code.startsWith("5")) {
                problemContent(name, code, resolved);
            }
        });
        boolean secured = operation.getSecurity() == null ? securedByDefault : !operation.getSecurity().isEmpty();
        if (secured) {
            for (String code : List.of("401", "403")) {
                if (!responses.containsKey(code)) {
                    violations.add(name + ": secured but documents no " + code);
                }
            }
        }
    }

    private void successContent(String name, String code, ApiResponse response) {
        if (response.getContent() == null) {
            return;
        }
        response.getContent().forEach((type, media) -> {
            if (type.contains("*")) {
                violations.add(name + ": response " + code + " has the wildcard media type '" + type
                        + "'; name the real one (application/json, text/csv, image/svg+xml)");
            }
            if (media.getSchema() == null) {
                violations.add(name + ": response " + code + " " + type + " has no schema");
            }
        });
    }

    private void problemContent(String name, String code, ApiResponse response) {
        if (response.getContent() == null || response.getContent().isEmpty()) {
            violations.add(name + ": response " + code + " has no content; it must be " + PROBLEM_JSON);
            return;
        }
        response.getContent().forEach((type, media) -> {
            if (!PROBLEM_JSON.equals(type)) {
                violations.add(name + ": response " + code + " is '" + type + "'; errors are " + PROBLEM_JSON);
            } else if (media.getSchema() == null || !PROBLEM_REF.equals(media.getSchema().get$ref())) {
                violations.add(name + ": response " + code + " must use the shared schema " + PROBLEM_REF);
            }
        });
    }

    private ApiResponse resolve(ApiResponse response) {
        if (response.get$ref() == null) {
            return response;
        }
        String key = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
        Map<String, ApiResponse> shared = openApi.getComponents() == null ? null : openApi.getComponents().getResponses();
        return shared == null ? null : shared.get(key);
    }

    private void examples() {
        tree.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            JsonNode operation = method.getValue();
            if (!operation.isObject() || !operation.has("responses")) {
                return;
            }
            String name = method.getKey().toUpperCase() + " " + path.getKey();
            operation.path("parameters").forEach(parameter -> examplesOf(
                    name + " parameter '" + parameter.path("name").asText() + "'", parameter, parameter.path("schema")));
            operation.path("parameters").forEach(parameter -> optionalWithoutExample(name, parameter));
            operation.path("requestBody").path("content").properties().forEach(media -> examplesOf(
                    name + " request " + media.getKey(), media.getValue(), media.getValue().path("schema")));
            operation.path("responses").properties().forEach(response -> {
                JsonNode resolved = response.getValue().has("$ref")
                        ? tree.at(response.getValue().get("$ref").asText().substring(1)) : response.getValue();
                resolved.path("content").properties().forEach(media -> examplesOf(
                        name + " response " + response.getKey() + " " + media.getKey(), media.getValue(),
                        media.getValue().path("schema")));
            });
        }));
        tree.path("components").path("schemas").properties()
                .forEach(schema -> schemaExamples("schema " + schema.getKey(), schema.getValue()));
    }

    /** Swagger UI's Try-it-out sends every example it shows: an optional parameter's would change the answer. */
    private void optionalWithoutExample(String operation, JsonNode parameter) {
        boolean example = parameter.has("example") || parameter.has("examples")
                || parameter.path("schema").has("example") || parameter.path("schema").has("examples");
        if (example && !parameter.path("required").asBoolean(false)) {
            violations.add(operation + " parameter '" + parameter.path("name").asText() + "': optional but has an "
                    + "example, which Swagger UI's Try-it-out sends; put it in the description");
        }
    }

    private void examplesOf(String where, JsonNode holder, JsonNode schema) {
        if (holder.has("example")) {
            validate(where + " example", holder.get("example"), schema);
        }
        holder.path("examples").properties().forEach(example -> {
            if (example.getValue().has("value")) {
                validate(where + " example '" + example.getKey() + "'", example.getValue().get("value"), schema);
            }
        });
    }

    private void schemaExamples(String where, JsonNode schema) {
        if (!schema.isObject()) {
            return;
        }
        if (schema.has("example")) {
            validate(where + " example", schema.get("example"), schema);
        }
        schema.path("examples").forEach(example -> validate(where + " examples[]", example, schema));
        schema.path("properties").properties()
                .forEach(property -> schemaExamples(where + "." + property.getKey(), property.getValue()));
        SCHEMA_CHILDREN.forEach(child -> schemaExamples(where + "/" + child, schema.path(child)));
        SCHEMA_LISTS.forEach(list -> schema.path(list).forEach(item -> schemaExamples(where + "/" + list, item)));
    }

    private void validate(String where, JsonNode example, JsonNode schema) {
        if (schema.isMissingNode()) {
            violations.add(where + ": has an example but no schema");
            return;
        }
        ObjectNode standalone = schema.deepCopy();
        standalone.set("components", tree.path("components"));
        Set<ValidationMessage> errors = schemas.getSchema(standalone).validate(example);
        errors.forEach(error -> violations.add(where + " " + example + " does not match its schema: " + error.getMessage()));
    }

    /** Patterns must read the same in ECMA-262 (JSON Schema, clients) as in Java (Bean Validation). */
    private void patterns(JsonNode node, String pointer) {
        if (node.isObject()) {
            JsonNode pattern = node.get("pattern");
            if (pattern != null && pattern.isTextual()) {
                String regex = pattern.asText();
                if (JAVA_ONLY_REGEX.matcher(regex).find()) {
                    violations.add(pointer + ": pattern '" + regex + "' uses Java-only syntax; write it in ECMA-262");
                }
                if (!regex.startsWith("^") || !regex.endsWith("$")) {
                    violations.add(pointer + ": pattern '" + regex + "' is not anchored (^…$); JSON Schema searches "
                            + "inside the value while Bean Validation matches all of it");
                }
            }
            node.properties().forEach(child -> patterns(child.getValue(), pointer + "/" + child.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                patterns(node.get(i), pointer + "/" + i);
            }
        }
    }
}
