package dev.scaleplan.runs;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.scaleplan.support.AdminKey;
import dev.scaleplan.support.IntegrationTest;
import dev.scaleplan.support.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;

/**
 * CSV exports are the documented backup path. A slow reader gets every row
 * however long it takes (an async timeout, here a short one, never cuts an export), and an export
 * that fails on the server part-way ends without the final chunk, so the client can tell.
 */
@IntegrationTest
@TestPropertySource(properties = "spring.mvc.async.request-timeout=300ms")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunExportStreamIT {

    private static final String KEY = "Authorization: Bearer " + AdminKey.SECRET;
    private static final int RUNS = 20_000;

    @Value("${local.server.port}")
    int port;

    @MockitoSpyBean
    RunRepository repository;

    RawHttp http;

    @BeforeAll
    void project() throws IOException {
        http = new RawHttp(port);
        // ≈ 450 bytes a run: an export of ≈ 9 MB, far more than the socket buffers hold.
        StringBuilder csv = new StringBuilder("externalId,parameters,tokens,loss,dataset,tag.sweep\n");
        for (int i = 0; i < RUNS; i++) {
            csv.append("run-").append(i).append(",1e8,2e9,2.5,").append("d".repeat(150)).append(',')
                    .append("s".repeat(200)).append('\n');
        }
        byte[] upload = csv.toString().getBytes(StandardCharsets.US_ASCII);
        String create = "{\"id\": \"export\", \"name\": \"Export\"}";
        RawHttp.Response created = http.send(RawHttp.head("POST /api/v1/projects HTTP/1.1\nHost: localhost\n" + KEY
                + "\nContent-Type: application/json\nConnection: close\nContent-Length: " + create.length()),
                out -> out.write(create.getBytes(StandardCharsets.US_ASCII)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        RawHttp.Response stored = http.send(RawHttp.head("POST /api/v1/projects/export/runs HTTP/1.1\n"
                + "Host: localhost\n" + KEY + "\nContent-Type: text/csv\nConnection: close\nContent-Length: "
                + upload.length), out -> out.write(upload));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    }

    @Test
    void aReaderThatPausesLongerThanTheAsyncTimeoutGetsEveryRowAndTheFinalChunk() throws IOException {
        try (Socket reader = slowReader("export")) {
            InputStream in = new BufferedInputStream(reader.getInputStream());
            byte[] first = in.readNBytes(2048);
            // The client stops reading for more than three times the async timeout, its buffers full.
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);

            RawHttp.Response export = RawHttp.read(new SequenceInputStream(new ByteArrayInputStream(first), in));

            assertThat(export.status()).isEqualTo(200);
            String[] lines = export.body().split("\r?\n");
            assertThat(lines).as("header and every run").hasSize(RUNS + 1);
            assertThat(lines[RUNS]).as("the last row is whole").contains("run-" + (RUNS - 1))
                    .endsWith("s".repeat(200) + "\"");
        }
    }

    @Test
    void anExportThatFailsPartWayEndsWithoutTheFinalChunk() throws IOException {
        // The database goes away after the first pages have been sent.
        AtomicInteger pages = new AtomicInteger();
        doAnswer(page -> {
            if (pages.incrementAndGet() == 3) {
                throw new DataAccessResourceFailureException("connection lost");
            }
            return page.callRealMethod();
        }).when(repository).pageAfter(eq("export"), any(), anyLong(), anyLong(), anyInt());
        try (Socket reader = slowReader("export")) {
            assertThatThrownBy(() -> RawHttp.read(reader.getInputStream()))
                    .as("an aborted export is not a clean end").isInstanceOf(IOException.class);
        }
        RawHttp.Response health = http.send(RawHttp.head("GET /actuator/health HTTP/1.1\nHost: localhost\nConnection: close"));
        assertThat(health.status()).isEqualTo(200);
    }

    private Socket slowReader(String project) throws IOException {
        Socket reader = new Socket();
        reader.setReceiveBufferSize(4096);
        reader.setSoTimeout(20_000);
        reader.connect(new InetSocketAddress("localhost", port));
        reader.getOutputStream().write(RawHttp.head("GET /api/v1/projects/" + project + "/runs/export HTTP/1.1\n"
                + "Host: localhost\n" + KEY + "\nConnection: close\n\n"));
        reader.getOutputStream().flush();
        return reader;
    }
}
