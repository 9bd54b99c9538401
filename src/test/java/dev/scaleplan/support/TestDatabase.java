package dev.scaleplan.support;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL integration tests run against, in this order: {@code spring.datasource.url}
 * if set; a Testcontainers PostgreSQL when a Docker engine is reachable; otherwise the embedded
 * PostgreSQL the application starts by itself, as a temporary database
 * ({@code scaleplan.embedded-database.temporary}, set by {@link IntegrationTest}) that is deleted when
 * the tests end. The choice is logged once per test JVM.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

    public static final String IMAGE = "postgres:17-alpine";

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static Backend backend;

    /** Where the integration tests' PostgreSQL comes from. */
    public enum Backend { EXTERNAL, CONTAINER, EMBEDDED }

    @Bean
    @ServiceConnection
    @Conditional(UseContainer.class)
    PostgreSQLContainer postgresContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        // A fixed host port, so that the container can be stopped and started again at the same address.
        container.setPortBindings(List.of(FreePort.find() + ":" + PostgreSQLContainer.POSTGRESQL_PORT));
        return container;
    }

    /** The backend for this environment, chosen (and logged) once per JVM. */
    public static synchronized Backend backend(Environment environment) {
        if (backend == null) {
            String url = environment.getProperty("spring.datasource.url");
            if (url != null && !url.isBlank()) {
                backend = Backend.EXTERNAL;
                log.info("Integration tests use the external PostgreSQL at {} (spring.datasource.url)",
                        url.replaceAll("password=[^&]*", "password=***"));
            } else if (dockerAvailable()) {
                backend = Backend.CONTAINER;
                log.info("Integration tests use a Testcontainers PostgreSQL ({})", IMAGE);
            } else {
                backend = Backend.EMBEDDED;
                log.info("Integration tests use the embedded PostgreSQL in a temporary data directory, deleted "
                        + "afterwards (no Docker engine found for Testcontainers; set spring.datasource.url for another)");
            }
        }
        return backend;
    }

    /** Asks Testcontainers for a Docker engine without its ERROR log and stack traces when there is none. */
    private static boolean dockerAvailable() {
        Logger testcontainers = (Logger) LoggerFactory.getLogger("org.testcontainers");
        Level previous = testcontainers.getLevel();
        testcontainers.setLevel(Level.OFF);
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        } finally {
            testcontainers.setLevel(previous);
        }
    }

    static class UseContainer implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return backend(context.getEnvironment()) == Backend.CONTAINER;
        }
    }

    private static final class FreePort {
        static int find() {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
