package dev.scaleplan.support;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocumentRulesTest {

    private static final String COMPONENTS = """
            "components": {
              "schemas": {
                "Problem": {"type": "object", "properties": {"status": {"type": "integer", "example": 404}}},
                "Thing": {"type": "object", "properties": {
                  "size": {"type": "number", "example": "big"},
                  "name": {"type": "string", "pattern": "[^\\\\p{Cntrl}]*"}}}
              },
              "responses": {
                "Unauthorized": {"description": "no key", "content": {"application/problem+json": {
                  "schema": {"$ref": "#/components/schemas/Problem"}}}}
              }
            }""";

    @Test
    void aCleanOperationPasses() {
        String document = """
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/things/{id}": {"get": {
                  "operationId": "getThing",
                  "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}, "example": 3}],
                  "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}},
                    "404": {"description": "none", "content": {"application/problem+json": {
                      "schema": {"$ref": "#/components/schemas/Problem"}}}}
                  }}}},
                  "components": {"schemas": {"Problem": {"type": "object"}}}}
                """;
        assertThat(ApiDocumentRules.check(document)).isEmpty();
    }

    @Test
    void namesTheOperationAndWhatItLacks() {
        String document = """
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "security": [{"key": []}],
                 "paths": {
                  "/things": {
                    "get": {"operationId": "list_1", "responses": {"404": {"description": "none",
                      "content": {"*/*": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}},
                    "post": {"operationId": "create", "responses": {"201": {"description": "made",
                      "content": {"*/*": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                      "401": {"$ref": "#/components/responses/Unauthorized"}}}
                  },
                  "/others": {
                    "get": {"operationId": "listThings",
                      "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer"}, "example": "first"}],
                      "responses": {"200": {"description": "ok"}}},
                    "delete": {"operationId": "listThings", "security": [], "responses": {"204": {"description": "gone"},
                      "400": {"description": "bad"}}}
                  }},
                """ + COMPONENTS + "}";
        List<String> violations = ApiDocumentRules.check(document);
        assertThat(violations).contains(
                "GET /things (list_1): operationId 'list_1' is generic; name it verbNoun in camelCase "
                        + "(listRuns, getFit, predictLoss) with @Operation(operationId = ...)",
                "GET /things (list_1): no 2xx response; add @ApiResponse(responseCode = \"200\", description = ...)",
                "GET /things (list_1): response 404 is '*/*'; errors are application/problem+json",
                "GET /things (list_1): secured but documents no 401",
                "POST /things (create): operationId 'create' is generic; name it verbNoun in camelCase "
                        + "(listRuns, getFit, predictLoss) with @Operation(operationId = ...)",
                "POST /things (create): secured but documents no 403",
                "POST /things (create): response 201 has the wildcard media type '*/*'; name the real one "
                        + "(application/json, text/csv, image/svg+xml)",
                "GET /others (listThings): no 4xx response",
                "DELETE /others (listThings): operationId 'listThings' is also used by GET /others (listThings)",
                "DELETE /others (listThings): response 400 has no content; it must be application/problem+json");
        assertThat(violations).noneMatch(v -> v.startsWith("DELETE /others (listThings): secured"));
        assertThat(violations).anyMatch(v -> v.startsWith("GET /others parameter 'page' example \"first\" does not match"));
        assertThat(violations).anyMatch(v -> v.startsWith("schema Thing.size example \"big\" does not match"));
        assertThat(violations).anyMatch(v -> v.contains("pattern '[^\\p{Cntrl}]*' uses Java-only syntax"));
        assertThat(violations).anyMatch(v -> v.contains("pattern '[^\\p{Cntrl}]*' is not anchored"));
    }

    @Test
    void anOptionalParameterWithAnExampleIsAViolationAndARequiredOneIsNot() {
        String document = """
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/things": {"get": {
                  "operationId": "listThings",
                  "parameters": [
                    {"name": "parameters", "in": "query", "required": true, "schema": {"type": "string"}, "example": "7e10"},
                    {"name": "flops", "in": "query", "schema": {"type": "string"}, "example": "5.76e23"},
                    {"name": "tag", "in": "query", "schema": {"type": "string", "example": "1"}}],
                  "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}},
                    "404": {"description": "none", "content": {"application/problem+json": {
                      "schema": {"$ref": "#/components/schemas/Problem"}}}}
                  }}}},
                  "components": {"schemas": {"Problem": {"type": "object"}}}}
                """;
        assertThat(ApiDocumentRules.check(document)).containsExactly(
                "GET /things parameter 'flops': optional but has an example, which Swagger UI's Try-it-out sends; "
                        + "put it in the description",
                "GET /things parameter 'tag': optional but has an example, which Swagger UI's Try-it-out sends; "
                        + "put it in the description");
    }
}
