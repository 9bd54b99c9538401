package dev.scaleplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaleplan.support.IntegrationTest;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Tomcat's request threads follow the cores ({@code scaleplan.web.workers-per-core}, default 4), not Tomcat's 200. */
@IntegrationTest
class RequestWorkersIT {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theServerHasFourRequestThreadsPerCore() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        AbstractProtocol<?> protocol = (AbstractProtocol<?>) connector.getProtocolHandler();
        assertThat(protocol.getMaxThreads()).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
        assertThat(protocol.getMinSpareThreads()).isLessThanOrEqualTo(protocol.getMaxThreads());
    }
}
