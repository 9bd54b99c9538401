package dev.scaleplan.keys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.scaleplan.support.AdminKey;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Access control as a client sees it, over real HTTP. */
@IntegrationTest
class ApiKeySecurityIT {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rejectsApiCallsWithoutKeyWith401ProblemJson() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/projects", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json.readTree(response.body()).get("type").asString()).endsWith("/unauthorized");
    }

    @Test
    void rejectsWrongKeyAndMalformedHeaderWith401() throws Exception {
        assertThat(send("GET", "/api/v1/projects", "Bearer sp_not-a-key", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/projects", "Basic dXNlcjpwYXNz", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/projects", "Bearer ", null).statusCode()).isEqualTo(401);
    }

    @Test
    void leavesHealthAndApiDocsOpen() throws Exception {
        assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v3/api-docs", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void readKeyCanReadButNotWriteOrManageKeys() throws Exception {
        String secret = createKey("dashboard", "[\"read\"]");
        assertThat(send("GET", "/api/v1/projects", "Bearer " + secret, null).statusCode()).isEqualTo(200);
        HttpResponse<String> write = send("POST", "/api/v1/projects", "Bearer " + secret,
                "{\"id\": \"forbidden-project\", \"name\": \"x\"}");
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(json.readTree(write.body()).get("type").asString()).endsWith("/forbidden");
        assertThat(send("GET", "/api/v1/keys", "Bearer " + secret, null).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM project WHERE id = 'forbidden-project'").query(Long.class).single())
                .isZero();
    }

    @Test
    void writeKeyCanReadAndWriteButNotManageKeys() throws Exception {
        String secret = createKey("orchestrator", "[\"write\"]");
        assertThat(send("POST", "/api/v1/projects", "Bearer " + secret,
                "{\"id\": \"written-by-write-key\", \"name\": \"x\"}").statusCode()).isEqualTo(201);
        assertThat(send("GET", "/api/v1/projects/written-by-write-key", "Bearer " + secret, null).statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/api/v1/keys", "Bearer " + secret, "{\"name\": \"x\", \"scopes\": [\"read\"]}")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void storesOnlyAHashAndShowsTheSecretOnce() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/keys", admin(), "{\"name\": \"ci\", \"scopes\": [\"read\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        String secret = body.get("secret").asString();
        long id = body.get("key").get("id").asLong();
        assertThat(jdbc.sql("SELECT count(*) FROM api_key WHERE secret_hash = :s OR prefix = :s")
                .param("s", secret).query(Long.class).single()).isZero();
        HttpResponse<String> listed = send("GET", "/api/v1/keys?size=1000", admin(), null);
        assertThat(listed.body()).contains("\"ci\"").doesNotContain(secret);
        assertThat(listed.body()).doesNotContain("secret");
        assertThat(id).isPositive();
    }

    @Test
    void revokedKeyStopsWorkingAtOnce() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/keys", admin(), "{\"name\": \"old\", \"scopes\": [\"read\"]}");
        JsonNode body = json.readTree(created.body());
        String secret = body.get("secret").asString();
        long id = body.get("key").get("id").asLong();
        assertThat(send("GET", "/api/v1/projects", "Bearer " + secret, null).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/keys/" + id, admin(), null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/projects", "Bearer " + secret, null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/v1/keys/" + id, admin(), null).statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/api/v1/keys/999999", admin(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void rejectsInvalidKeyRequests() throws Exception {
        assertThat(send("POST", "/api/v1/keys", admin(), "{\"name\": \"x\", \"scopes\": [\"root\"]}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/v1/keys", admin(), "{\"name\": \"x\", \"scopes\": []}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/v1/keys", admin(), "{\"name\": \"\", \"scopes\": [\"read\"]}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void deniesEveryPathNotOpenedByName() throws Exception {
        HttpResponse<String> anonymous = send("GET", "/internal/anything", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> withKey = send("GET", "/internal/anything", admin(), null);
        assertThat(withKey.statusCode()).isEqualTo(403);
        assertThat(withKey.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(send("POST", "/actuator/health", null, "{}").statusCode()).isNotEqualTo(200);
    }

    @Test
    void showsAPrefixOnlyForGeneratedSecretsNeverForTheChosenBootstrapKey() throws Exception {
        createKey("generated", "[\"read\"]");
        JsonNode keys = json.readTree(send("GET", "/api/v1/keys?size=1000", admin(), null).body()).get("content");
        boolean sawBootstrap = false;
        for (JsonNode key : keys) {
            if ("bootstrap".equals(key.get("name").asString())) {
                sawBootstrap = true;
                assertThat(key.has("prefix")).as("bootstrap key prefix").isFalse();
            } else {
                assertThat(key.get("prefix").asString()).startsWith("sp_");
            }
        }
        assertThat(sawBootstrap).isTrue();
        assertThat(send("GET", "/api/v1/keys?size=1000", admin(), null).body()).doesNotContain(AdminKey.SECRET.substring(0, 7));
    }

    private String createKey(String name, String scopes) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/keys", admin(),
                "{\"name\": \"" + name + "\", \"scopes\": " + scopes + "}");
        assertThat(created.statusCode()).isEqualTo(201);
        return json.readTree(created.body()).get("secret").asString();
    }

    private static String admin() {
        return "Bearer " + AdminKey.SECRET;
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
