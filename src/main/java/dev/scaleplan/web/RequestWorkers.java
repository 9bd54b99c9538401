package dev.scaleplan.web;

import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sizes Tomcat's request threads to the cores ({@code scaleplan.web.workers-per-core}) instead of its
 * default 200: on a saturated machine more threads than cores only queue for the CPU, which is the
 * read path's p99. Requests that wait for long (fits, backtests, exports) do so without a thread, so
 * a small pool does not stall. An explicit {@code server.tomcat.threads.max} is left as it is.
 */
@Component
class RequestWorkers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final WebLimits limits;
    private final Environment environment;

    RequestWorkers(WebLimits limits, Environment environment) {
        this.limits = limits;
        this.environment = environment;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (environment.containsProperty("server.tomcat.threads.max")) {
            return;
        }
        int workers = limits.workersPerCore() * Runtime.getRuntime().availableProcessors();
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setMaxThreads(workers);
                protocol.setMinSpareThreads(Math.min(protocol.getMinSpareThreads(), workers));
            }
        });
    }
}
