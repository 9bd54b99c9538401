package dev.scaleplan.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Starts a real PostgreSQL server (zonky's packaged binaries) when no datasource URL is
 * configured, so that {@code ./mvnw spring-boot:run} works on a bare machine. It only
 * contributes {@link JdbcConnectionDetails}: Hikari, Flyway, health and metrics stay as Boot
 * configures them for any other PostgreSQL. zonky is an optional dependency, absent from the
 * packaged jar: there this configuration backs off and a datasource URL is required.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(name = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres")
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty() and ${scaleplan.embedded-database.enabled:true}")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean({EmbeddedPostgres.class, JdbcConnectionDetails.class})
    EmbeddedDataDirectory embeddedDataDirectory(EmbeddedDatabaseProperties properties) {
        return EmbeddedDataDirectory.of(properties);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean({EmbeddedPostgres.class, JdbcConnectionDetails.class})
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties, EmbeddedDataDirectory directory) {
        Path dataDirectory = directory.path();
        // zonky starts postgres with -F (fsync off) and synchronous_commit=off; a kept database needs both on.
        String durable = directory.temporary() ? "off" : "on";
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // Spring closes it after graceful shutdown; zonky's own hook would stop it under in-flight requests.
                    .setRegisterShutdownHook(false)
                    .setPort(properties.port())
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("fsync", durable)
                    .setServerConfig("synchronous_commit", durable)
                    .setServerConfig("full_page_writes", durable)
                    .start();
        } catch (IllegalStateException e) {
            // zonky's lock on <data>/epg-lock: "could not lock" from another process, overlapping from this one.
            if (e instanceof java.nio.channels.OverlappingFileLockException
                    || String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw new DataDirectoryInUseException(dataDirectory, e);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
        if (directory.temporary()) {
            log.info("Database: embedded PostgreSQL on port {}, temporary and not durable (fsync off), in {}",
                    postgres.getPort(), dataDirectory);
        } else {
            log.info("Database: embedded PostgreSQL on port {} with data in {} (set SPRING_DATASOURCE_URL to use another server)",
                    postgres.getPort(), dataDirectory);
        }
        return postgres;
    }

    @Bean
    @ConditionalOnMissingBean(JdbcConnectionDetails.class)
    JdbcConnectionDetails embeddedConnectionDetails(EmbeddedPostgres postgres) {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return "postgres";
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }
}
