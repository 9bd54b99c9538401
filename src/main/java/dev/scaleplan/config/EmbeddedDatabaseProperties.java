package dev.scaleplan.config;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is set.
 *
 * @param enabled whether to start it at all when no datasource URL is configured
 * @param dataDirectory where the cluster lives; it persists across restarts
 * @param port the port to listen on; 0 picks a free one
 * @param temporary a throwaway cluster instead: a new temporary directory, deleted when the service stops, and
 *                  PostgreSQL's fast non-durable settings (fsync, synchronous commit and full-page writes off);
 *                  for tests only, since a crash loses acknowledged writes
 */
@Validated
@ConfigurationProperties("scaleplan.embedded-database")
public record EmbeddedDatabaseProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("./.scaleplan/pgdata") @NotNull Path dataDirectory,
        @DefaultValue("0") @Min(0) @Max(65535) int port,
        @DefaultValue("false") boolean temporary) {
}
