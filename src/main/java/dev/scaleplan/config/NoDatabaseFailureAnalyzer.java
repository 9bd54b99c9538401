package dev.scaleplan.config;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Without a datasource URL the packaged jar (which carries no embedded PostgreSQL) cannot start. Spring's
 * own analysis would advise putting H2, HSQL or Derby on the classpath, which scaleplan cannot use; this
 * one, ordered first, says what can: a PostgreSQL URL, or the embedded server of {@code spring-boot:run}.
 */
class NoDatabaseFailureAnalyzer implements FailureAnalyzer, Ordered {

    /** Boot's exception for "no URL and no embedded database"; the class is package-private, so matched by name. */
    private static final String NO_DATASOURCE =
            "org.springframework.boot.jdbc.autoconfigure.DataSourceProperties$DataSourceBeanCreationException";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals(NO_DATASOURCE)) {
                return new FailureAnalysis("scaleplan has no database: no datasource URL is set, and this build "
                        + "carries no embedded PostgreSQL.",
                        "Set SPRING_DATASOURCE_URL (e.g. jdbc:postgresql://localhost:5432/scaleplan) with "
                                + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD, or start from the source "
                                + "tree with ./mvnw spring-boot:run, which runs an embedded PostgreSQL.", cause);
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
