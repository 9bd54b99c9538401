package dev.scaleplan.architecture;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files keep their promises: docker compose refuses to start without its secrets (no
 * default password, no generated key in the log), .env.example names them, and every launch path
 * exits on OutOfMemoryError.
 */
class DeploymentFilesTest {

    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z_]+):\\?[^}]+}");
    private static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";

    @Test
    @SuppressWarnings("unchecked")
    void composeRequiresItsSecretsFromTheEnvironment() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, String> postgres = (Map<String, String>) services.get("postgres").get("environment");
        Map<String, String> scaleplan = (Map<String, String>) services.get("scaleplan").get("environment");
        String envExample = Files.readString(Path.of(".env.example"));
        for (String secret : new String[] {postgres.get("POSTGRES_PASSWORD"), scaleplan.get("SPRING_DATASOURCE_PASSWORD"),
                scaleplan.get("SCALEPLAN_BOOTSTRAP_KEY")}) {
            Matcher required = REQUIRED.matcher(String.valueOf(secret));
            assertThat(required.matches()).as("%s is ${NAME:?message}, without a default", secret).isTrue();
            assertThat(envExample).as(".env.example names " + required.group(1)).contains(required.group(1) + "=");
        }
        assertThat(Files.readString(Path.of(".gitignore")).lines()).as("a filled-in .env stays out of git")
                .contains(".env");
    }

    @Test
    void everyLaunchPathExitsOnOutOfMemory() throws Exception {
        String entrypoint = Files.readString(Path.of("Dockerfile")).lines().filter(line -> line.startsWith("ENTRYPOINT"))
                .findFirst().orElseThrow();
        assertThat(entrypoint).contains(EXIT_ON_OOM);
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<launch.jvm-options>" + EXIT_ON_OOM)
                .contains("<jvmArguments>${launch.jvm-options}</jvmArguments>")
                .contains("<test.jvm-options>${launch.jvm-options} ")
                .contains("<argLine>${test.jvm-options}</argLine>");
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).as("this forked test JVM")
                .contains(EXIT_ON_OOM);
    }
}
