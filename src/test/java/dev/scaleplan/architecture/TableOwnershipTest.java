package dev.scaleplan.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each feature owns its tables: SQL in a feature's sources names only that feature's tables. Another
 * feature asks the owner (as {@code runs} moves a project's revision through {@code ProjectService}), or, inside
 * one statement, calls a SQL function the owner's migration defines (a plan's INSERT checks the project's revision
 * with {@code project_is_at} and the newest fits with {@code latest_fit_id}, V44).
 * ArchUnit sees Java dependencies only; this reads the SQL the sources hold.
 */
class TableOwnershipTest {

    /** Table → the package (feature) that owns it, from the Flyway migrations. */
    static final Map<String, String> OWNERS = Map.of(
            "project", "projects",
            "run", "runs",
            "fit", "fits",
            "fit_backtest", "fits",
            "plan", "plans",
            "fit_job", "jobs",
            "scheduled_tasks", "jobs",
            "api_key", "keys");

    private static final Path MAIN = Path.of("src/main/java/dev/scaleplan");
    private static final Pattern TABLE = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+([a-z_]+)\\b");

    @Test
    void everyTableIsMigratedWithAnOwner() throws IOException {
        List<String> created = new ArrayList<>();
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path migration : migrations.toList()) {
                Matcher m = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)").matcher(Files.readString(migration));
                while (m.find()) {
                    created.add(m.group(1));
                }
            }
        }
        assertThat(OWNERS).containsOnlyKeys(created);
    }

    @Test
    void noFeatureReadsOrWritesAnotherFeaturesTables() throws IOException {
        assertThat(violations(MAIN)).as("SQL naming another feature's table (ask its service instead)").isEmpty();
    }

    /** "file: TABLE owned by feature" for each table a source names in SQL that its feature does not own. */
    static List<String> violations(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(root)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String feature = root.relativize(source).getName(0).toString();
                Matcher m = TABLE.matcher(Files.readString(source));
                while (m.find()) {
                    String owner = OWNERS.get(m.group(1));
                    if (owner != null && !owner.equals(feature)) {
                        found.add(root.relativize(source) + ": " + m.group() + " (table '" + m.group(1)
                                + "' is owned by " + owner + ")");
                    }
                }
            }
        }
        return found;
    }
}
