package dev.scaleplan.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's data directory: the configured one, or for a temporary database a new
 * directory that is deleted once the server has stopped (Spring destroys this bean after the server,
 * which depends on it).
 */
final class EmbeddedDataDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDataDirectory.class);

    private final Path path;
    private final boolean temporary;

    private EmbeddedDataDirectory(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    static EmbeddedDataDirectory of(EmbeddedDatabaseProperties properties) {
        try {
            if (properties.temporary()) {
                return new EmbeddedDataDirectory(Files.createTempDirectory("scaleplan-pgdata-"), true);
            }
            Path path = properties.dataDirectory().toAbsolutePath().normalize();
            Files.createDirectories(path);
            return new EmbeddedDataDirectory(path, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the embedded PostgreSQL's data directory", e);
        }
    }

    Path path() {
        return path;
    }

    boolean temporary() {
        return temporary;
    }

    @Override
    public void close() {
        if (!temporary || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the temporary embedded PostgreSQL directory {}: {}", path, e.toString());
        }
    }
}
