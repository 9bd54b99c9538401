package dev.scaleplan.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL integration tests run against, in this order: {@code spring.datasource.url}
 * if set; a Testcontainers PostgreSQL when a Docker engine is reachable; otherwise the embedded
 * PostgreSQL the application starts by itself, in a fresh data directory.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

    @Bean
    @ServiceConnection
    @Conditional(UseContainer.class)
    PostgreSQLContainer postgresContainer() {
        return new PostgreSQLContainer("postgres:17-alpine");
    }

    /** Points the embedded PostgreSQL at a new, empty data directory for this test JVM. */
    public static class FreshDataDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                String dir = Files.createTempDirectory("scaleplan-test-pgdata").toString();
                TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                        "scaleplan.embedded-database.data-directory=" + dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static class UseContainer implements Condition {
        private static Boolean dockerAvailable;

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return (url == null || url.isBlank()) && dockerAvailable();
        }

        private static synchronized boolean dockerAvailable() {
            if (dockerAvailable == null) {
                try {
                    dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
                } catch (RuntimeException e) {
                    dockerAvailable = false;
                }
            }
            return dockerAvailable;
        }
    }
}
