package dev.scaleplan.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a fit job is: waiting for a replica, computing, or done one of three ways. */
public enum FitJobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FitJobStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
