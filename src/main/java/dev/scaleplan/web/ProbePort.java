package dev.scaleplan.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The liveness probe on a port of its own ({@code scaleplan.web.probe-port}), answered by threads of its
 * own. Under full load every API request thread is busy and a probe queued behind them waits as long as
 * the API's tail; an orchestrator whose probe times out restarts a replica that is only busy. Only
 * {@value #LIVENESS} is served there (404 for anything else): readiness stays on the main port, so a
 * replica that cannot answer the API is taken out of rotation.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProbePort extends OncePerRequestFilter implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String LIVENESS = "/actuator/health/liveness";

    /** The probe's own threads: one answers while the other reads the next probe. */
    private static final int THREADS = 2;

    private final int port;
    private final ProblemWriter problems;
    private volatile Connector connector;

    ProbePort(WebLimits limits, ProblemWriter problems) {
        this.port = limits.probePort();
        this.problems = problems;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (port < 0) {
            return;
        }
        Connector probes = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        probes.setPort(port);
        if (probes.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
            protocol.setMaxThreads(THREADS);
            protocol.setMinSpareThreads(THREADS);
        }
        factory.addAdditionalConnectors(probes);
        connector = probes;
    }

    /** The port the probe is answered on once the server runs, -1 without one. */
    int localPort() {
        Connector probes = connector;
        return probes == null ? -1 : probes.getLocalPort();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Connector probes = connector;
        if (probes != null && request.getLocalPort() == probes.getLocalPort()
                && !LIVENESS.equals(request.getRequestURI())) {
            problems.write(response, ProblemType.NOT_FOUND, "Port " + probes.getLocalPort()
                    + " answers the liveness probe only (" + LIVENESS + ")", request.getRequestURI(), Map.of());
            return;
        }
        chain.doFilter(request, response);
    }
}
