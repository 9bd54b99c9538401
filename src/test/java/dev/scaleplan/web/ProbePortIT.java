package dev.scaleplan.web;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import dev.scaleplan.support.AdminKey;
import dev.scaleplan.support.IntegrationTest;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The liveness probe's own port answers while every API request thread is busy (each held here by a
 * client that sends half a body), where the probe on the main port waits in their queue; it serves
 * nothing else.
 */
@IntegrationTest
class ProbePortIT {

    private static final int WORKERS = 4 * Runtime.getRuntime().availableProcessors();

    @LocalServerPort
    int port;

    @Autowired
    ProbePort probePort;

    @Autowired
    WebServerApplicationContext context;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theProbePortAnswersLivenessWhileEveryRequestThreadIsBusy() throws Exception {
        assertThat(probePort.localPort()).isPositive().isNotEqualTo(port);
        List<Socket> slowClients = new ArrayList<>();
        try {
            for (int i = 0; i < WORKERS + 2; i++) {
                Socket socket = new Socket("localhost", port);
                slowClients.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/projects HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + AdminKey.SECRET
                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\": ")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            // Every request thread holds a slow client before the main port is probed.
            Executor workers = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector().getProtocolHandler()
                    .getExecutor();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ((ThreadPoolExecutor) workers).getActiveCount() >= WORKERS);
            assertThatThrownBy(() -> liveness(port, Duration.ofSeconds(1)))
                    .as("the main port's probe queues behind the busy request threads")
                    .isInstanceOf(HttpTimeoutException.class);

            HttpResponse<String> probe = liveness(probePort.localPort(), Duration.ofSeconds(2));
            assertThat(probe.statusCode()).isEqualTo(200);
            assertThat(probe.body()).contains("\"UP\"");
        } finally {
            for (Socket socket : slowClients) {
                socket.close();
            }
        }
        assertThat(liveness(port, Duration.ofSeconds(30)).statusCode()).isEqualTo(200);
    }

    @Test
    void theProbePortServesNothingElse() throws Exception {
        HttpResponse<String> api = client.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + probePort.localPort() + "/api/v1/projects"))
                .header("Authorization", "Bearer " + AdminKey.SECRET).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(api.body()).contains("answers the liveness probe only");
    }

    private HttpResponse<String> liveness(int port, Duration timeout) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + ProbePort.LIVENESS))
                .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }
}
