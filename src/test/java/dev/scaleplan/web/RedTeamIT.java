package dev.scaleplan.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.scaleplan.support.AdminKey;
import dev.scaleplan.support.IntegrationTest;
import dev.scaleplan.support.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile requests that need a real socket (Tomcat's own answers, bodies that never
 * end or are too large to build in memory): each is a 4xx problem+json, nothing is stored, and the
 * service keeps answering health at once afterwards.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedTeamIT {

    private static final String KEY = "Authorization: Bearer " + AdminKey.SECRET;
    private static final String PROJECT = "/api/v1/projects/red-team";

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    RawHttp http;

    @BeforeAll
    void project() throws IOException {
        http = new RawHttp(port);
        String body = "{\"id\": \"red-team\", \"name\": \"Red team\"}";
        RawHttp.Response created = http.send(RawHttp.head("POST /api/v1/projects HTTP/1.1\nHost: localhost\n" + KEY
                + "\nContent-Type: application/json\nConnection: close\nContent-Length: " + body.length()),
                out -> out.write(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(created.status()).as(created.body()).isIn(201, 409);
    }

    static Stream<byte[]> malformedTargets() {
        return Stream.of("/api/v1/projects/a%2fb", "/api/v1/projects/a%00b", "/api/v1/projects/a\\b",
                        "/api/v1/projects/caf\u00e9", "/api/v1/projects/%FF", "/api/v1/projects/a;b", "/api/v1/projects//x",
                        "/api/v1/projects/%2e%2e/x", "/actuator/health?x=%FF", "/actuator/health?x=%ZZ",
                        "/api/v1/projects?x=%C3%28", PROJECT + "/runs?tag=a:%FF")
                .map(target -> target.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("malformedTargets")
    void malformedRequestTargetsAreProblemJsonNotHtmlNorServerErrors(byte[] target, CapturedOutput output)
            throws IOException {
        long before = stored();
        byte[] line = "GET ".getBytes(StandardCharsets.US_ASCII);
        byte[] rest = RawHttp.head(" HTTP/1.1\nHost: localhost\n" + KEY + "\nConnection: close");
        byte[] head = new byte[line.length + target.length + rest.length];
        System.arraycopy(line, 0, head, 0, line.length);
        System.arraycopy(target, 0, head, line.length, target.length);
        System.arraycopy(rest, 0, head, line.length + target.length, rest.length);

        RawHttp.Response response = http.send(head);

        String what = new String(target, StandardCharsets.UTF_8) + " → " + response.body();
        assertThat(response.status()).as(what).isEqualTo(400);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.body()).as(what).contains("\"type\":\"https://scaleplan.dev/problems/")
                .doesNotContain("java.", "Exception", "<html");
        assertThat(output.getOut() + output.getErr()).as("logged at DEBUG only").doesNotContain("Unhandled error",
                "InvalidParameterException");
        assertThat(stored()).isEqualTo(before);
        assertHealthAnswersAtOnce();
    }

    @Test
    void aRequestLineOverTheHeaderLimitIsToldSoNotCalledMalformed() throws IOException {
        RawHttp.Response response = http.send(RawHttp.head("GET /api/v1/keys?page=" + "x".repeat(100_000)
                + " HTTP/1.1\nHost: localhost\n" + KEY + "\nConnection: close"));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("longer than this server accepts", "max-http-request-header-size")
                .doesNotContain("malformed");
        assertHealthAnswersAtOnce();
    }

    @Test
    void keylessSlowUploadGetsItsAnswerAndTheConnectionIsClosedInsteadOfDrained() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head("POST " + PROJECT + "/runs HTTP/1.1\nHost: localhost\nContent-Type: text/csv\n"
                    + "Content-Length: 10000000\n\nparameters,"));
            out.flush();
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.headers().get("connection")).isEqualTo("close");
            // The client keeps the connection open and sends nothing more: Tomcat must not sit draining it.
            assertThat(RawHttp.closedByServer(socket)).as("server closed the connection within 5 s").isTrue();
        }
        assertHealthAnswersAtOnce();
    }

    @Test
    void sixtyMegabyteCsvWithTenThousandTagColumnsIsRejectedWhileReadingAndTheServiceKeepsAnswering()
            throws IOException {
        long before = stored();
        StringBuilder header = new StringBuilder("parameters,tokens,loss");
        for (int i = 0; i < 10_000; i++) {
            header.append(",tag.t").append(i);
        }
        byte[] headerLine = header.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
        byte[] row = ("1e8,2e9,2.5" + ",v".repeat(10_000) + "\n").getBytes(StandardCharsets.US_ASCII);
        int rows = 3_000;
        long length = headerLine.length + (long) row.length * rows;
        assertThat(length).isBetween(55_000_000L, 64_000_000L);

        RawHttp.Response response = http.send(RawHttp.head("POST " + PROJECT + "/runs HTTP/1.1\nHost: localhost\n" + KEY
                + "\nContent-Type: text/csv\nContent-Length: " + length), out -> {
                    out.write(headerLine);
                    for (int i = 0; i < rows; i++) {
                        out.write(row);
                    }
                });

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("columns");
        assertThat(stored()).isEqualTo(before);
        assertHealthAnswersAtOnce();
    }

    @Test
    void projectWithANinetyFiveMegabyteDescriptionIs413WhileReading() throws IOException {
        long before = stored();
        byte[] chunk = "x".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response response = http.send(RawHttp.head("POST /api/v1/projects HTTP/1.1\nHost: localhost\n" + KEY
                + "\nContent-Type: application/json\nTransfer-Encoding: chunked"), out -> {
                    chunked(out, "{\"id\": \"huge\", \"name\": \"x\", \"description\": \"".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 95 * 16; i++) {
                        chunked(out, chunk);
                    }
                    chunked(out, "\"}".getBytes(StandardCharsets.US_ASCII));
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });
        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(stored()).isEqualTo(before);

        RawHttp.Response declared = http.send(RawHttp.head("POST /api/v1/projects HTTP/1.1\nHost: localhost\n" + KEY
                + "\nContent-Type: application/json\nContent-Length: 99614720"), out -> out.write(chunk));
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.contentType()).startsWith("application/problem+json");
        assertThat(stored()).isEqualTo(before);
        assertHealthAnswersAtOnce();
    }

    @Test
    void fitWithNineMillionFilterTagsIs413WhileReading() throws IOException {
        long before = stored();
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            entries.append(",\"t").append(i).append("\":\"v\"");
        }
        byte[] block = entries.toString().getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response response = http.send(RawHttp.head("POST " + PROJECT + "/fits HTTP/1.1\nHost: localhost\n" + KEY
                + "\nContent-Type: application/json\nTransfer-Encoding: chunked"), out -> {
                    chunked(out, "{\"form\": \"chinchilla\", \"filter\": {\"tags\": {\"t\":\"v\"".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 900; i++) {
                        chunked(out, block);
                    }
                    chunked(out, "}}}".getBytes(StandardCharsets.US_ASCII));
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });
        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(stored()).isEqualTo(before);
        assertHealthAnswersAtOnce();
    }

    @Test
    void stalledCsvExportHoldsNoDatabaseConnection() throws Exception {
        String project = "red-team-export";
        // 20,000 runs of ≈ 450 bytes: an export of ≈ 9 MB, more than the socket buffers hold.
        String dataset = "d".repeat(150);
        String sweep = "s".repeat(200);
        StringBuilder csv = new StringBuilder("externalId,parameters,tokens,loss,dataset,tag.sweep\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("run-").append(i).append(",1e8,2e9,2.5,").append(dataset).append(',').append(sweep).append('\n');
        }
        String create = "{\"id\": \"" + project + "\", \"name\": \"Export\"}";
        http.send(RawHttp.head("POST /api/v1/projects HTTP/1.1\nHost: localhost\n" + KEY
                + "\nContent-Type: application/json\nConnection: close\nContent-Length: " + create.length()),
                out -> out.write(create.getBytes(StandardCharsets.US_ASCII)));
        byte[] upload = csv.toString().getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response stored = http.send(RawHttp.head("POST /api/v1/projects/" + project + "/runs HTTP/1.1\n"
                + "Host: localhost\n" + KEY + "\nContent-Type: text/csv\nConnection: close\nContent-Length: " + upload.length),
                out -> out.write(upload));
        assertThat(stored.status()).as(stored.body()).isIn(200, 201);

        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        try (Socket reader = new Socket()) {
            reader.setReceiveBufferSize(4096);
            reader.connect(new java.net.InetSocketAddress("localhost", port));
            reader.getOutputStream().write(RawHttp.head("GET /api/v1/projects/" + project + "/runs HTTP/1.1\n"
                    + "Host: localhost\n" + KEY + "\nAccept: text/csv\n\n"));
            reader.getOutputStream().flush();
            reader.getInputStream().readNBytes(2048);
            // The export now waits on a client that reads nothing more.
            await("no connection held while the export is stalled").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> pool.getHikariPoolMXBean().getActiveConnections(), active -> active == 0);
            assertHealthAnswersAtOnce();
        }
    }

    @Test
    void aFloodOfFullSizePngPlotsIsAnsweredOrRefusedWith503AndHealthStaysQuick() throws Exception {
        long fit = fitOfAGrid();
        ExecutorService clients = Executors.newFixedThreadPool(40);
        try {
            List<Future<RawHttp.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(clients.submit(() -> http.send(RawHttp.head("GET " + PROJECT + "/fits/" + fit
                        + "/plots/isoflop?width=3000&height=2000 HTTP/1.1\nHost: localhost\n" + KEY
                        + "\nAccept: image/png\nConnection: close"))));
            }
            long slowestHealth = 0;
            while (answers.stream().anyMatch(answer -> !answer.isDone())) {
                slowestHealth = Math.max(slowestHealth, healthMillis());
            }
            int served = 0;
            for (Future<RawHttp.Response> answer : answers) {
                RawHttp.Response response = answer.get();
                assertThat(response.status()).as(response.body()).isIn(200, 503);
                if (response.status() == 503) {
                    assertThat(response.headers()).containsKey("retry-after");
                    assertThat(response.contentType()).startsWith("application/problem+json");
                } else {
                    served++;
                    assertThat(response.contentType()).isEqualTo("image/png");
                }
            }
            assertThat(served).as("answered within the render slots").isPositive();
            // A loaded build machine: the bound is loose; the point is that health is never stuck behind renders.
            assertThat(slowestHealth).as("slowest health answer during the flood, ms").isLessThan(2_000);
        } finally {
            clients.shutdownNow();
        }
        assertHealthAnswersAtOnce();
    }

    /** A chinchilla fit without bootstrap of a small grid of runs in the red-team project. */
    private long fitOfAGrid() throws IOException {
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        for (double n = 7e7; n <= 5e9; n *= 2) {
            for (double ratio : new double[] {5, 20, 80}) {
                double d = n * ratio;
                csv.append(n).append(',').append(d).append(',')
                        .append(BESIROGLU.loss(n, d)).append('\n');
            }
        }
        byte[] upload = csv.toString().getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response runs = http.send(RawHttp.head("POST " + PROJECT + "/runs HTTP/1.1\nHost: localhost\n" + KEY
                + "\nContent-Type: text/csv\nConnection: close\nContent-Length: " + upload.length), out -> out.write(upload));
        assertThat(runs.status()).as(runs.body()).isEqualTo(201);
        String body = "{\"form\": \"chinchilla\", \"bootstrap\": 0}";
        RawHttp.Response fit = http.send(RawHttp.head("POST " + PROJECT + "/fits HTTP/1.1\nHost: localhost\n" + KEY
                + "\nContent-Type: application/json\nConnection: close\nContent-Length: " + body.length()),
                out -> out.write(body.getBytes(StandardCharsets.US_ASCII)));
        assertThat(fit.status()).as(fit.body()).isEqualTo(201);
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(fit.body());
        assertThat(id.find()).isTrue();
        return Long.parseLong(id.group(1));
    }

    private long healthMillis() throws IOException {
        long started = System.nanoTime();
        RawHttp.Response health = http.send(RawHttp.head("GET /actuator/health HTTP/1.1\nHost: localhost\nConnection: close"));
        assertThat(health.status()).isEqualTo(200);
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void chunked(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private void assertHealthAnswersAtOnce() throws IOException {
        long started = System.nanoTime();
        RawHttp.Response health = http.send(RawHttp.head("GET /actuator/health HTTP/1.1\nHost: localhost\nConnection: close"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(health.status()).isEqualTo(200);
        assertThat(millis).as("health answered in ms").isLessThan(2_000);
    }

    private long stored() {
        return jdbc.sql("SELECT (SELECT count(*) FROM project) + (SELECT count(*) FROM run) + (SELECT count(*) FROM fit)"
                + " + (SELECT count(*) FROM plan) + (SELECT count(*) FROM api_key)").query(Long.class).single();
    }
}
