package dev.scaleplan.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a second start on the same data directory into a two-line report instead of a stack trace. */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis("scaleplan is already running on the embedded PostgreSQL data directory "
                + cause.dataDirectory() + ".",
                "Stop the running instance, or set SCALEPLAN_DATA_DIR to another directory.", cause);
    }
}
