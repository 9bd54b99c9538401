package dev.scaleplan.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The liveness probe on a port of its own ({@code scaleplan.web.probe-port}), answered by a thread of its
 * own. Under full load every API request thread is busy and a probe queued behind them waits as long as
 * the API's tail; an orchestrator whose probe times out restarts a replica that is only busy. The JDK's
 * HTTP server answers it on its one dispatcher thread, outside Tomcat and the filter chain, with the
 * actuator's liveness group ({@value #LIVENESS}); anything else there is a 404. Readiness stays on the main
 * port, so a replica that cannot answer the API is taken out of rotation. (A second Tomcat connector with
 * two threads answered 2–4 ms slower at the 99th percentile under load, and put a filter on every API
 * request: BENCHMARKS.md.)
 */
@Component
class ProbePort implements SmartLifecycle {

    static final String LIVENESS = "/actuator/health/liveness";

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final int port;
    private final HealthEndpoint health;
    private final ProblemWriter problems;
    private final JsonMapper json;
    private volatile HttpServer server;

    ProbePort(WebLimits limits, HealthEndpoint health, ProblemWriter problems, JsonMapper json) {
        this.port = limits.probePort();
        this.health = health;
        this.problems = problems;
        this.json = json;
    }

    /** The port the probe is answered on once started, -1 without one. */
    int localPort() {
        HttpServer running = server;
        return running == null ? -1 : running.getAddress().getPort();
    }

    @Override
    public void start() {
        if (port < 0) {
            return;
        }
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, the body
        // waits for the client's delayed acknowledgement (a 44 ms median under load). Read once, at first use.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        try {
            HttpServer probes = HttpServer.create(new InetSocketAddress(port), 0);
            probes.createContext("/", this::answer);
            probes.setExecutor(null); // the dispatcher thread answers: no hand-off
            probes.start();
            server = probes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for the liveness probe on port " + port, e);
        }
    }

    @Override
    public void stop() {
        HttpServer running = server;
        if (running != null) {
            running.stop(0);
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status;
            byte[] body;
            String type;
            String path = exchange.getRequestURI().getPath();
            if (LIVENESS.equals(path)) {
                Status liveness = health.healthForPath("liveness").getStatus();
                status = Status.UP.equals(liveness) ? 200 : 503;
                body = json.writeValueAsBytes(Map.of("status", liveness.getCode()));
                type = MediaType.APPLICATION_JSON_VALUE;
            } else {
                status = ProblemType.NOT_FOUND.status().value();
                body = problems.body(ProblemType.NOT_FOUND, "Port " + localPort() + " answers the liveness probe only ("
                        + LIVENESS + ")", path);
                type = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
