package dev.scaleplan.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Many clients uploading to one project at once: exact counts, and idempotency holds under races. */
@IntegrationTest
class ConcurrentIngestIT {

    private static final int CLIENTS = 8;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void sameRunsSentByManyClientsAtOnceAreStoredOnce() throws Exception {
        createProject("race-same");
        String batch = batch("same", 0, 50);
        List<MvcResult> results = concurrently(i -> upload("race-same", batch));
        assertThat(results).allSatisfy(r -> assertThat(r.getResponse().getStatus()).isIn(200, 201));
        long created = results.stream().mapToLong(r -> json.readTree(body(r)).get("created").asLong()).sum();
        assertThat(created).isEqualTo(50);
        assertThat(runCount("race-same")).isEqualTo(50);
        assertThat(jdbc.sql("SELECT data_revision FROM project WHERE id = 'race-same'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void distinctBatchesFromManyClientsAreAllStored() throws Exception {
        createProject("race-distinct");
        List<MvcResult> results = concurrently(i -> upload("race-distinct", batch("client" + i, 0, 40)));
        assertThat(results).allSatisfy(r -> assertThat(r.getResponse().getStatus()).isEqualTo(201));
        assertThat(runCount("race-distinct")).isEqualTo(CLIENTS * 40L);
        assertThat(jdbc.sql("SELECT data_revision FROM project WHERE id = 'race-distinct'").query(Long.class).single())
                .isEqualTo(CLIENTS);
    }

    private interface Client {
        MvcResult call(int index) throws Exception;
    }

    private List<MvcResult> concurrently(Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Callable<MvcResult>> calls = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int index = i;
                calls.add(() -> client.call(index));
            }
            List<MvcResult> results = new ArrayList<>();
            for (Future<MvcResult> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private MvcResult upload(String project, String body) throws Exception {
        return mvc.perform(post("/api/v1/projects/" + project + "/runs").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn();
    }

    private static String batch(String prefix, int from, int count) {
        StringBuilder runs = new StringBuilder("[");
        for (int i = from; i < from + count; i++) {
            runs.append(i == from ? "" : ",").append("{\"externalId\": \"").append(prefix).append('-').append(i)
                    .append("\", \"parameters\": ").append(1e8 + i).append(", \"tokens\": 2e9, \"loss\": 2.5}");
        }
        return runs.append(']').toString();
    }

    private void createProject(String id) throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"" + id + "\", \"name\": \"" + id + "\"}"));
    }

    private long runCount(String project) {
        return jdbc.sql("SELECT count(*) FROM run WHERE project_id = :p").param("p", project).query(Long.class).single();
    }

    private static String body(MvcResult result) {
        try {
            return result.getResponse().getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
