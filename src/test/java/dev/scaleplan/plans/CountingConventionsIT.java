package dev.scaleplan.plans;

import java.util.Locale;

import dev.scaleplan.runs.RunsApi;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Declared counting conventions end to end: the same GPT-shaped runs (d_model = 64·n_layer, vocabulary 50,257,
 * context 2,048, losses from Besiroglu et al.'s law in total N) uploaded into a project counting total parameters
 * and one counting non-embedding parameters, both with the runs' uploaded FLOPs as the compute axis; plans in both
 * counts, and the refusals when runs lack what a FLOPs convention needs.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountingConventionsIT {

    private static final String TOTAL = "counted-total";
    private static final String NON_EMBEDDING = "counted-non-embedding";
    private static final int[] LAYERS = {4, 6, 8, 12, 16, 24, 32, 48};
    private static final double[] TOKENS_PER_PARAMETER = {5, 10, 20, 40, 80};

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void uploadTheSameRunsInBothCountsAndFit() throws Exception {
        createProject(TOTAL, "total", "given");
        createProject(NON_EMBEDDING, "non-embedding", "given");
        upload(TOTAL, runs(true));
        upload(NON_EMBEDDING, runs(false));
        for (String project : new String[] {TOTAL, NON_EMBEDDING}) {
            postJson(project, "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 0, \"holdout\": 0}", 201);
        }
    }

    private static double width(int layers) {
        return 64.0 * layers;
    }

    private static double embedding(int layers) {
        return (50_257 + 2048) * width(layers);
    }

    private static double nonEmbedding(int layers) {
        return 12 * layers * width(layers) * width(layers);
    }

    /** 40 runs as JSON, N in the total or the non-embedding count, the same FLOPs = 6·N_total·D either way. */
    private static String runs(boolean total) {
        StringBuilder body = new StringBuilder("[");
        for (int layers : LAYERS) {
            double all = nonEmbedding(layers) + embedding(layers);
            for (double ratio : TOKENS_PER_PARAMETER) {
                double d = ratio * all;
                double loss = 1.8172 + 482.01 / Math.pow(all, 0.3478) + 2085.43 / Math.pow(d, 0.3658);
                body.append(body.length() > 1 ? "," : "").append(String.format(Locale.ROOT,
                        "{\"parameters\": %s, \"tokens\": %s, \"flops\": %s, \"loss\": %.6f, \"embeddingParameters\": %s,"
                                + " \"layers\": %d, \"contextLength\": 2048, \"width\": %d}",
                        total ? all : nonEmbedding(layers), d, 6 * all * d, loss, embedding(layers), layers,
                        (long) width(layers)));
            }
        }
        return body.append(']').toString();
    }

    @Test
    void plansAnswerBothCountsAndConvertIntoEachOther() throws Exception {
        String request = "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e20}, \"band\": \"confidence\"}";
        JsonNode inTotal = postJson(TOTAL, "/plans", request, 201);

        JsonNode conventions = inTotal.get("conventions");
        assertThat(conventions.get("parameterCount").asString()).isEqualTo("total");
        assertThat(conventions.get("flopsConvention").asString()).isEqualTo("given");
        assertThat(conventions.get("total").asDouble()).isEqualTo(inTotal.get("parameters").asDouble());
        double nonEmbedding = conventions.get("non-embedding").asDouble();
        assertThat(nonEmbedding).isLessThan(inTotal.get("parameters").asDouble()).isPositive();
        assertThat(conventions.get("conversionRange").get("min").asDouble())
                .isCloseTo(nonEmbedding(4) + embedding(4), withinPercentage(1e-9));
        assertThat(conventions.get("flopsPerTokenRange").get("max").asDouble())
                .isCloseTo(nonEmbedding(48) + embedding(48), withinPercentage(1e-9));

        // The same model asked of the other project, in its count, for the same budget: the same run.
        JsonNode sameModel = postJson(NON_EMBEDDING, "/plans", String.format(Locale.ROOT, "{\"objective\": "
                + "\"fixed-parameters\", \"parameters\": %s, \"budget\": {\"flops\": 1e20}, \"band\": \"confidence\"}",
                nonEmbedding), 201);
        assertThat(sameModel.get("conventions").get("parameterCount").asString()).isEqualTo("non-embedding");
        assertThat(sameModel.get("conventions").get("total").asDouble())
                .isCloseTo(inTotal.get("parameters").asDouble(), withinPercentage(0.5));
        assertThat(sameModel.get("tokens").asDouble()).isCloseTo(inTotal.get("tokens").asDouble(), withinPercentage(0.5));

        JsonNode stored = getJson(TOTAL, "/plans/" + inTotal.get("id").asLong());
        assertThat(stored.get("conventions")).isEqualTo(conventions);
    }

    @Test
    void aPlanBeyondTheRunsSaysTheConversionAndFlopsPerTokenAreExtrapolated() throws Exception {
        JsonNode plan = postJson(TOTAL, "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e25},"
                + " \"band\": \"confidence\"}", 201);

        assertThat(plan.get("warnings").toString()).contains("FLOPs per token at N =").contains("extrapolated")
                .contains("non-embedding count of N =");
    }

    @Test
    void runFieldsAreStoredAndExported() throws Exception {
        JsonNode page = getJson(TOTAL, "/runs?size=1");
        JsonNode run = page.get("content").get(0);
        assertThat(run.get("embeddingParameters").asDouble()).isEqualTo(embedding(4));
        assertThat(run.get("layers").asLong()).isEqualTo(4);
        assertThat(run.get("contextLength").asLong()).isEqualTo(2048);
        assertThat(run.get("width").asLong()).isEqualTo(256);
        Long stored = jdbc.sql("SELECT count(*) FROM run WHERE project_id = :p AND layers IS NOT NULL AND width IS NOT NULL"
                + " AND context_length = 2048 AND embedding_parameters > 0").param("p", TOTAL).query(Long.class).single();
        assertThat(stored).isEqualTo(40);
    }

    @Test
    void csvUploadsCarryTheShapeAndTheExportGivesItBack() throws Exception {
        String project = "counted-csv";
        createProject(project, "total", "6N+attention");
        String csv = "parameters,tokens,loss,embeddingParameters,layers,contextLength,width\n"
                + "1.6e7,3.2e8,4.1,1.3e7,4,2048,256\n3.2e8,6.4e9,3.2,5.0e7,24,2048,1536\n";
        mvc.perform(post("/api/v1/projects/" + project + "/runs").contentType("text/csv").content(csv))
                .andExpect(status().isCreated());

        String exported = new RunsApi(mvc, jdbc).exportCsv(project, "").getContentAsString();

        String[] lines = exported.split("\\r?\\n");
        assertThat(lines[0]).contains("createdAt,embeddingParameters,layers,contextLength,width");
        String[] header = lines[0].split(",");
        String[] second = lines[2].split(",");
        int embedding = java.util.Arrays.asList(header).indexOf("embeddingParameters");
        assertThat(Double.parseDouble(second[embedding])).isEqualTo(5.0e7);
        assertThat(Long.parseLong(second[embedding + 1])).isEqualTo(24);
        assertThat(Long.parseLong(second[embedding + 2])).isEqualTo(2048);
        assertThat(Long.parseLong(second[embedding + 3])).isEqualTo(1536);
    }

    @Test
    void badShapeFieldsAreRefusedNamingRowAndFieldAndNothingIsStored() throws Exception {
        String project = "counted-invalid";
        createProject(project, "total", "6N");
        String good = "{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 3.1}";
        for (String bad : new String[] {"\"embeddingParameters\": 1e8", "\"embeddingParameters\": 2e8",
                "\"embeddingParameters\": 0", "\"embeddingParameters\": \"many\"", "\"layers\": 2.5",
                "\"layers\": 0", "\"contextLength\": -2048", "\"width\": 1e12", "\"width\": \"NaN\""}) {
            String field = bad.substring(1, bad.indexOf('"', 1));
            String body = "[" + good + ", {\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 3.0, " + bad + "}]";
            JsonNode problem = json.readTree(mvc.perform(post("/api/v1/projects/" + project + "/runs")
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString());
            assertThat(problem.get("errors").get(0).get("field").asString()).as(bad).isEqualTo(field);
            assertThat(problem.get("errors").get(0).get("row").asInt()).as(bad).isEqualTo(2);
        }
        JsonNode csvProblem = json.readTree(mvc.perform(post("/api/v1/projects/" + project + "/runs")
                        .contentType("text/csv").content("parameters,tokens,loss,layers,width\n1e8,2e9,3.1,12,768\n"
                                + "1e8,2e9,3.0,12.5,768\n"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString());
        assertThat(csvProblem.get("errors").get(0).get("field").asString()).isEqualTo("layers");
        assertThat(csvProblem.get("errors").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM run WHERE project_id = :p").param("p", project).query(Long.class)
                .single()).isZero();
    }

    @Test
    void attentionConventionFitsNameTheRunsWithoutTheirShape() throws Exception {
        String project = "counted-attention";
        createProject(project, "total", "6N+attention");
        upload(project, runs(true).replaceFirst(", \"layers\": 4, \"contextLength\": 2048, \"width\": 256", ""));
        long missing = jdbc.sql("SELECT id FROM run WHERE project_id = :p AND layers IS NULL").param("p", project)
                .query(Long.class).single();

        JsonNode problem = postJson(project, "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 0, \"holdout\": 0}", 422);

        assertThat(problem.get("reason").asString()).isEqualTo("missing-run-fields");
        assertThat(problem.get("runIds").get(0).asLong()).isEqualTo(missing);
        assertThat(problem.get("detail").asString()).contains("layers, contextLength and width");
        JsonNode plan = postJson(project, "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e20}}",
                422);
        assertThat(plan.get("reason").asString()).isEqualTo("missing-run-fields");
    }

    @Test
    void givenConventionFitsNameTheRunsWithoutUploadedFlops() throws Exception {
        String project = "counted-given";
        createProject(project, "total", "given");
        upload(project, runs(true).replaceFirst("\"flops\": [^,]+, ", ""));

        JsonNode problem = postJson(project, "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 0, \"holdout\": 0}", 422);

        assertThat(problem.get("runIds")).hasSize(1);
        assertThat(problem.get("detail").asString()).contains("uploaded flops");
    }

    @Test
    void sixNIgnoresEmbeddingsForComputeAndStillAnswersBothCounts() throws Exception {
        String project = "counted-six-n";
        createProject(project, "total", "6N");
        upload(project, runs(true));
        postJson(project, "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 0, \"holdout\": 0}", 201);

        JsonNode plan = postJson(project, "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e20},"
                + " \"band\": \"confidence\"}", 201);

        assertThat(6 * plan.get("parameters").asDouble() * plan.get("tokens").asDouble())
                .isCloseTo(1e20, withinPercentage(1e-6));
        assertThat(plan.get("conventions").has("flopsPerTokenRange")).isFalse();
        assertThat(plan.get("conventions").get("non-embedding").asDouble()).isPositive();
    }

    @Test
    void aPlanAfterAnUploadCountsTheNewRuns() throws Exception {
        String project = "counted-later-embeddings";
        createProject(project, "total", "6N");
        upload(project, runs(true).replaceAll("\"embeddingParameters\": [^,]+,", ""));
        postJson(project, "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 0, \"holdout\": 0}", 201);
        String request = "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e20}, \"band\": \"confidence\"}";

        JsonNode before = postJson(project, "/plans", request, 201);
        upload(project, runs(true));
        JsonNode after = postJson(project, "/plans", request, 201);

        // Plans keep what they read off the runs per data revision: the upload moved it, so the second plan
        // reads the embedding counts the first could not give.
        assertThat(before.get("conventions").path("non-embedding").isNumber()).as(before.toString()).isFalse();
        assertThat(after.get("conventions").get("non-embedding").asDouble()).isPositive()
                .isLessThan(after.get("parameters").asDouble());
    }

    private void createProject(String id, String parameterCount, String flopsConvention) throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON).content(String.format(
                "{\"id\": \"%s\", \"name\": \"%s\", \"parameterCount\": \"%s\", \"flopsConvention\": \"%s\"}", id, id,
                parameterCount, flopsConvention))).andExpect(status().isCreated());
    }

    private void upload(String project, String body) throws Exception {
        mvc.perform(post("/api/v1/projects/" + project + "/runs").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
    }

    private JsonNode postJson(String project, String path, String body, int expected) throws Exception {
        return json.readTree(mvc.perform(post("/api/v1/projects/" + project + path)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(expected)).andReturn().getResponse().getContentAsString());
    }

    private JsonNode getJson(String project, String path) throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/projects/" + project + path)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }
}
