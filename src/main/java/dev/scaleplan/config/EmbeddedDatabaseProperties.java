package dev.scaleplan.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is set.
 *
 * @param enabled whether to start it at all when no datasource URL is configured
 * @param dataDirectory where the cluster lives; it persists across restarts
 * @param port the port to listen on; 0 picks a free one
 */
@ConfigurationProperties("scaleplan.embedded-database")
public record EmbeddedDatabaseProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("./.scaleplan/pgdata") Path dataDirectory,
        @DefaultValue("0") int port) {
}
