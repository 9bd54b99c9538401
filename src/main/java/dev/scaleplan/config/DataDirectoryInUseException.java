package dev.scaleplan.config;

import java.nio.file.Path;

/** Another process (usually a second scaleplan) already runs the embedded PostgreSQL on this data directory. */
public class DataDirectoryInUseException extends IllegalStateException {

    private final Path dataDirectory;

    DataDirectoryInUseException(Path dataDirectory, Throwable cause) {
        super("The embedded PostgreSQL data directory " + dataDirectory + " is in use: scaleplan is already running"
                + " on it. Stop that instance, or set SCALEPLAN_DATA_DIR to another directory.", cause);
        this.dataDirectory = dataDirectory;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }
}
