package dev.scaleplan.page;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.scaleplan.support.IntegrationTest;
import dev.scaleplan.web.PageSecurityHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The page's files over real HTTP without a key: the shell, its assets, the chart library, and the CSP. */
@IntegrationTest
class PageShellIT {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheAppShellWithoutAKeyAndWithAStrictPolicy() throws Exception {
        HttpResponse<String> shell = get("/", "text/html");
        assertThat(shell.statusCode()).isEqualTo(200);
        assertThat(shell.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(shell.headers().firstValue("Content-Security-Policy")).contains(PageSecurityHeaders.POLICY);
        assertThat(shell.body()).contains("<script src=\"/app/js/main.js\" type=\"module\"></script>")
                .doesNotContain("<script>").doesNotContainPattern("\\son[a-z]+=");
        for (String asset : new String[] {"/app/js/main.js", "/app/js/api.js", "/app/app.css"}) {
            HttpResponse<String> response = get(asset, "*/*");
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(asset).isPresent();
        }
        assertThat(get("/webjars/echarts/dist/echarts.min.js", "*/*").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/projects", "application/json").statusCode()).isEqualTo(401);
    }

    @Test
    void policyForbidsInlineScript() {
        assertThat(PageSecurityHeaders.POLICY).contains("script-src 'self'").doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
