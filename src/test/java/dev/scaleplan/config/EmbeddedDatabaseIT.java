package dev.scaleplan.config;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL as {@code ./mvnw spring-boot:run} starts it: with the application's own
 * configuration (application.yml, no test settings) it is as durable as a normal PostgreSQL, a second
 * start on the same data directory is refused with one clear sentence, and only an explicitly temporary
 * database runs with the fast settings and disappears afterwards.
 */
class EmbeddedDatabaseIT {

    /** The production path: application.yml and the auto-configuration, nothing a test would set but the directory. */
    private final ApplicationContextRunner production = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(EmbeddedDatabaseAutoConfiguration.class));

    @TempDir(cleanup = CleanupMode.ALWAYS)
    Path dataDirectory;

    @Test
    void theDefaultDatabaseIsDurableAndASecondInstanceOnItsDirectoryIsRefusedClearly() {
        production.withPropertyValues("scaleplan.embedded-database.data-directory=" + dataDirectory).run(first -> {
            assertThat(first).hasNotFailed();
            Map<String, String> settings = settings(first, "fsync", "synchronous_commit", "full_page_writes",
                    "data_directory");
            assertThat(settings).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on")
                    .containsEntry("full_page_writes", "on");
            assertThat(Path.of(settings.get("data_directory")).toRealPath()).isEqualTo(dataDirectory.toRealPath());

            production.withPropertyValues("scaleplan.embedded-database.data-directory=" + dataDirectory).run(second -> {
                assertThat(second).hasFailed();
                FailureAnalysis analysis = analyse(second.getStartupFailure());
                assertThat(analysis).as("a failure analysis instead of a stack trace").isNotNull();
                assertThat(analysis.getDescription()).contains("already running", dataDirectory.toString())
                        .doesNotContain("\n");
                assertThat(analysis.getAction()).contains("SCALEPLAN_DATA_DIR").doesNotContain("\n");
            });
            assertThat(settings(first, "fsync")).as("the first instance still serves").containsEntry("fsync", "on");
        });
        assertThat(dataDirectory.resolve("PG_VERSION")).as("a kept database stays").exists();
    }

    @Test
    void onlyAnExplicitlyTemporaryDatabaseIsFastAndItIsDeletedAfterwards() {
        Path[] used = new Path[1];
        production.withPropertyValues("scaleplan.embedded-database.temporary=true").run(context -> {
            Map<String, String> settings = settings(context, "fsync", "synchronous_commit", "data_directory");
            assertThat(settings).containsEntry("fsync", "off").containsEntry("synchronous_commit", "off");
            used[0] = Path.of(settings.get("data_directory"));
            assertThat(used[0]).exists();
        });
        assertThat(used[0]).as("deleted when the service stops").doesNotExist();
    }

    private static Map<String, String> settings(ApplicationContext context, String... names) throws Exception {
        JdbcConnectionDetails details = context.getBean(JdbcConnectionDetails.class);
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(details.getJdbcUrl(), details.getUsername(),
                details.getPassword()); Statement statement = connection.createStatement()) {
            for (String name : names) {
                try (ResultSet result = statement.executeQuery("SHOW " + name)) {
                    result.next();
                    values.put(name, result.getString(1));
                }
            }
        }
        return values;
    }

    /** What Spring Boot prints for this failure, using the analyzers registered in spring.factories. */
    private static FailureAnalysis analyse(Throwable failure) {
        // Analyzers that need constructor arguments are skipped: only ours is looked for.
        for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                null, SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { }))) {
            if (analyzer instanceof DataDirectoryInUseFailureAnalyzer) {
                FailureAnalysis analysis = analyzer.analyze(failure);
                if (analysis != null) {
                    return analysis;
                }
            }
        }
        return null;
    }
}
