package dev.scaleplan.moe;

import java.util.Random;

import dev.scaleplan.runs.RunsApi;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static dev.scaleplan.runs.RunsApi.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A new user's MoE and benchmark workflow on the real PostgreSQL: a dense sweep (Besiroglu et al.'s
 * Chinchilla law) and a routed sweep at fixed tokens (Clark et al.'s S-BASE law), every run with a
 * benchmark accuracy (Gadre et al.'s error law in the loss) and a second evaluation loss
 * (Brandfonbrener et al.'s shifted power); then the moe and downstream fits, predictions, and a plan
 * with dense and routed options side by side.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoeAndDownstreamIT {

    private static final double ROUTED_TOKENS = 1.3e11;
    private static final double SHARE = 0.33;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private RunsApi api;
    private String project;
    private long denseFit;
    private long moeFit;

    static double chinchilla(double n, double d) {
        return BESIROGLU.loss(n, d);
    }

    /** Clark et al.'s S-BASE coefficients in natural logs, with the saturating expert count. */
    static double clark(double n, double experts) {
        double offset = 1 / (1 / 1.847 - 1 / 314.883);
        double logSaturated = -Math.log(1 / (experts - 1 + offset) + 1 / 314.883);
        return Math.exp(-0.082 * Math.log(n) - 0.108 * logSaturated + 0.0039 * Math.log(n) * logSaturated + 2.542);
    }

    static double accuracy(double loss) {
        return 1 - (0.75 - 2.2 * Math.exp(-0.9 * loss));
    }

    static double wikiLoss(double loss) {
        return 1.3 * Math.pow(loss - 1.6, 0.9) + 1.9;
    }

    @BeforeAll
    void uploadDenseAndRoutedSweeps() throws Exception {
        api = new RunsApi(mvc, jdbc);
        project = api.createProject("moe");
        Random random = new Random(11);
        StringBuilder dense = new StringBuilder("[");
        for (double n = 7e7; n <= 1.6e10; n *= 1.8) {
            for (double tokensPerParameter : new double[] {5, 10, 20, 40, 80}) {
                double d = n * tokensPerParameter;
                double loss = chinchilla(n, d) * Math.exp(0.01 * random.nextGaussian());
                dense.append(dense.length() > 1 ? "," : "").append(String.format(java.util.Locale.ROOT,
                        "{\"parameters\": %s, \"tokens\": %s, \"loss\": %s, \"tags\": {\"sweep\": \"dense\"}, "
                                + "\"metrics\": {\"hellaswag\": %s, \"loss_wiki\": %s}}", n, d, loss,
                        accuracy(loss) + 0.005 * random.nextGaussian(), wikiLoss(loss) + 0.005 * random.nextGaussian()));
            }
        }
        api.uploadJson(project, dense.append("]").toString()).andExpect(
                org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated());
        StringBuilder routed = new StringBuilder(
                "parameters,tokens,loss,experts,totalParameters,tag.sweep,metric.hellaswag,metric.loss_wiki\n");
        for (double n = 1.5e7; n <= 1.3e9; n *= 2.4) {
            for (double e = 1; e <= 64; e *= 2) {
                double loss = clark(n, e) * Math.exp(0.01 * random.nextGaussian());
                routed.append(n).append(',').append(ROUTED_TOKENS).append(',').append(loss).append(',').append((long) e)
                        .append(',').append(n * (1 + SHARE * (e - 1))).append(",routed,")
                        .append(accuracy(loss) + 0.005 * random.nextGaussian()).append(',')
                        .append(wikiLoss(loss) + 0.005 * random.nextGaussian()).append('\n');
            }
        }
        MvcResult upload = api.uploadCsv(project, routed.toString()).andReturn();
        assertThat(upload.getResponse().getStatus()).as(RunsApi.body(upload)).isEqualTo(201);

        denseFit = created(fit("{\"form\": \"chinchilla\", \"bootstrap\": 20, \"seed\": 1, "
                + "\"filter\": {\"tags\": {\"sweep\": \"dense\"}}}")).get("id").asLong();
        moeFit = created(fit("{\"form\": \"moe\", \"bootstrap\": 60, \"seed\": 1, "
                + "\"filter\": {\"tags\": {\"sweep\": \"routed\"}}}")).get("id").asLong();
        created(fit("{\"form\": \"downstream\", \"metric\": \"hellaswag\", \"shape\": \"exponential\", \"bootstrap\": 60}"));
        created(fit("{\"form\": \"downstream\", \"metric\": \"loss_wiki\", \"shape\": \"shifted-power\", \"bootstrap\": 60}"));
    }

    @Test
    void runsDefaultToDenseAndKeepExpertsAndTotalParametersThroughExportAndReimport() throws Exception {
        JsonNode runs = api.getJson("/api/v1/projects/" + project + "/runs?size=1000").get("content");
        assertThat(runs).hasSize(50 + 6 * 7);
        JsonNode first = runs.get(0);
        assertThat(first.get("experts").asLong()).isEqualTo(1);
        assertThat(first.get("totalParameters").asDouble()).isEqualTo(first.get("parameters").asDouble());
        JsonNode routed = runs.get(runs.size() - 1);
        assertThat(routed.get("experts").asLong()).isEqualTo(64);
        assertThat(routed.get("totalParameters").asDouble())
                .isCloseTo(routed.get("parameters").asDouble() * (1 + SHARE * 63), within(1.0));

        MockHttpServletResponse export = api.exportCsv(project, "");
        String csv = export.getContentAsString();
        assertThat(csv.lines().findFirst().orElseThrow()).contains("experts", "totalParameters");
        String copy = api.createProject("moe-copy");
        MvcResult reimport = api.uploadCsv(copy, csv).andReturn();
        assertThat(reimport.getResponse().getStatus()).as(RunsApi.body(reimport)).isEqualTo(201);
        long experts = jdbc.sql("SELECT sum(experts) FROM run WHERE project_id = :id").param("id", project)
                .query(Long.class).single();
        long copied = jdbc.sql("SELECT sum(experts) FROM run WHERE project_id = :id").param("id", copy)
                .query(Long.class).single();
        assertThat(copied).isEqualTo(experts);
        double totals = jdbc.sql("SELECT sum(total_parameters) FROM run WHERE project_id = :id").param("id", copy)
                .query(Double.class).single();
        assertThat(totals).isCloseTo(jdbc.sql("SELECT sum(total_parameters) FROM run WHERE project_id = :id")
                .param("id", project).query(Double.class).single(), within(1.0));
    }

    @Test
    void rejectsBadExpertCountsAndTotalsNamingRowAndFieldAndStoresNothing() throws Exception {
        String target = api.createProject("moe-bad");
        MvcResult csv = api.uploadCsv(target, """
                parameters,tokens,loss,experts,totalParameters
                1e8,2e9,2.5,8,9e8
                1e8,2e9,2.5,2.5,
                1e8,2e9,2.5,0,
                1e8,2e9,2.5,8,5e7
                """).andReturn();
        assertThat(csv.getResponse().getStatus()).isEqualTo(400);
        JsonNode errors = RunsApi.json(csv).get("errors");
        assertThat(errors).anySatisfy(e -> assertRowError(e, 2, "experts"));
        assertThat(errors).anySatisfy(e -> assertRowError(e, 3, "experts"));
        assertThat(errors).anySatisfy(e -> assertRowError(e, 4, "totalParameters"));
        MvcResult json = api.uploadJson(target, "[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5, "
                + "\"experts\": \"eight\"}, {\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 2.5, \"experts\": 1.5}]")
                .andReturn();
        assertThat(json.getResponse().getStatus()).isEqualTo(400);
        assertThat(RunsApi.json(json).get("errors")).anySatisfy(e -> assertRowError(e, 1, "experts"))
                .anySatisfy(e -> assertRowError(e, 2, "experts"));
        assertThat(api.storedRuns(target)).isZero();
    }

    @Test
    void moeFitRecoversClarksCoefficientsAndPredictsRoutedModelsWithTheirEffectiveSize() throws Exception {
        JsonNode fit = api.getJson(fitPath() + "/" + moeFit);
        assertThat(fit.get("form").asString()).isEqualTo("moe");
        assertThat(fit.get("runsUsed").asInt()).isEqualTo(42);
        assertThat(fit.get("parameters").get("a").get("estimate").asDouble()).isCloseTo(-0.082, within(0.01));
        assertThat(fit.get("parameters").get("b").get("estimate").asDouble()).isCloseTo(-0.108, within(0.02));
        assertThat(fit.get("derived").get("expertsMax").get("estimate").asDouble()).isEqualTo(314.883);

        JsonNode prediction = api.getJson(fitPath() + "/" + moeFit
                + "/prediction?parameters=1e9&tokens=1.3e11&experts=64&metrics=hellaswag,loss_wiki");
        assertThat(prediction.get("experts").asLong()).isEqualTo(64);
        assertThat(prediction.get("loss").asDouble()).isCloseTo(clark(1e9, 64), within(0.03));
        assertThat(prediction.get("effectiveParameters").get("estimate").asDouble()).isGreaterThan(2e9);
        JsonNode hellaswag = prediction.get("metrics").get("hellaswag");
        assertThat(hellaswag.get("estimate").asDouble()).isCloseTo(accuracy(clark(1e9, 64)), within(0.03));
        assertThat(hellaswag.get("lower").asDouble()).isLessThanOrEqualTo(hellaswag.get("upper").asDouble())
                .isGreaterThanOrEqualTo(0);
        assertThat(hellaswag.get("upper").asDouble()).isLessThanOrEqualTo(1);
        assertThat(prediction.get("metrics").get("loss_wiki").get("estimate").asDouble())
                .isCloseTo(wikiLoss(clark(1e9, 64)), within(0.05));
    }

    @Test
    void residualsReportEachRoutedRunsEffectiveParameterCount() throws Exception {
        JsonNode page = api.getJson(fitPath() + "/" + moeFit + "/residuals?size=1000");
        assertThat(page.get("totalElements").asLong()).isEqualTo(42);
        for (JsonNode run : page.get("content")) {
            double effective = run.get("effectiveParameters").asDouble();
            if (run.get("experts").asLong() == 1) {
                assertThat(effective).isCloseTo(run.get("parameters").asDouble(), within(run.get("parameters").asDouble() * 1e-9));
            } else {
                assertThat(effective).isGreaterThan(run.get("parameters").asDouble());
            }
            assertThat(Math.abs(run.get("logResidual").asDouble())).isLessThan(0.05);
        }
        JsonNode dense = api.getJson(fitPath() + "/" + denseFit + "/residuals?size=1000").get("content");
        assertThat(dense).allSatisfy(run -> assertThat(run.has("effectiveParameters")).isFalse());
    }

    @Test
    void anExpertCountOnADenseFitIsA422() throws Exception {
        MvcResult result = mvc.perform(get(fitPath() + "/" + denseFit + "/prediction?parameters=1e9&tokens=2e10&experts=8"))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(422);
        assertThat(RunsApi.json(result).get("detail").asString()).contains("this fit is dense", "fit the moe form");
    }

    @Test
    void downstreamFitsAnswerUnknownMetricsTooFewRunsAndNoRelationClearly() throws Exception {
        MvcResult unknown = fitResult(project, "{\"form\": \"downstream\", \"metric\": \"mmlu\", \"shape\": \"sigmoid\"}");
        assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
        assertThat(RunsApi.json(unknown).get("detail").asString()).contains("mmlu", "hellaswag", "loss_wiki");

        MvcResult holdout = fitResult(project, "{\"form\": \"downstream\", \"metric\": \"hellaswag\", "
                + "\"shape\": \"exponential\", \"holdout\": 0.1}");
        assertThat(holdout.getResponse().getStatus()).isEqualTo(400);
        assertThat(RunsApi.json(holdout).get("errors").get(0).get("field").asString()).isEqualTo("holdout");
        MvcResult shapeless = fitResult(project, "{\"form\": \"downstream\", \"metric\": \"hellaswag\"}");
        assertThat(shapeless.getResponse().getStatus()).isEqualTo(400);
        MvcResult stray = fitResult(project, "{\"form\": \"chinchilla\", \"metric\": \"hellaswag\"}");
        assertThat(stray.getResponse().getStatus()).isEqualTo(400);

        String sparse = api.createProject("moe-sparse");
        // Twelve runs carry "noise" (no relation to the loss), three of them also "rare".
        MvcResult upload = api.uploadJson(sparse, "[" + String.join(",", java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> "{\"parameters\": " + (1e8 * (i + 1)) + ", \"tokens\": 2e9, \"loss\": " + (3.0 - 0.05 * i)
                        + ", \"metrics\": {\"noise\": " + (0.3 + 0.05 * ((i * 7) % 5))
                        + (i < 3 ? ", \"rare\": " + (0.3 + 0.01 * i) : "") + "}}").toList()) + "]").andReturn();
        assertThat(upload.getResponse().getStatus()).as(RunsApi.body(upload)).isEqualTo(201);
        MvcResult few = fitResult(sparse, "{\"form\": \"downstream\", \"metric\": \"rare\", \"shape\": \"exponential\"}");
        assertThat(few.getResponse().getStatus()).as(RunsApi.body(few)).isEqualTo(422);
        assertThat(RunsApi.json(few).get("runs").asInt()).isEqualTo(3);
        assertThat(RunsApi.json(few).get("detail").asString()).contains("3 have it");
        MvcResult unrelated = fitResult(sparse, "{\"form\": \"downstream\", \"metric\": \"noise\", \"shape\": \"exponential\"}");
        assertThat(unrelated.getResponse().getStatus()).as(RunsApi.body(unrelated)).isEqualTo(422);
        assertThat(RunsApi.json(unrelated).get("detail").asString()).contains("no relation to the loss");
    }

    @Test
    void planShowsDenseAndRoutedOptionsSideBySideWithLossBenchmarkTotalsAndMemory() throws Exception {
        MvcResult result = mvc.perform(post("/api/v1/projects/" + project + "/plans").contentType(MediaType.APPLICATION_JSON)
                .content("{\"fitId\": " + denseFit + ", \"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e22}, "
                        + "\"experts\": [8, 64], \"metrics\": [\"hellaswag\", \"loss_wiki\"]}")).andReturn();
        assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isEqualTo(201);
        JsonNode plan = RunsApi.json(result);
        double n = plan.get("parameters").asDouble();
        double d = plan.get("tokens").asDouble();
        assertThat(plan.get("moeFitId").asLong()).isEqualTo(moeFit);
        assertThat(plan.get("moeAllocation").asString()).contains("no data term");
        assertThat(plan.get("memory").get("weightsBytes").asDouble()).isCloseTo(2 * n, within(1.0));
        JsonNode denseAccuracy = plan.get("metrics").get("hellaswag");
        assertThat(denseAccuracy.get("lower").asDouble()).isLessThanOrEqualTo(denseAccuracy.get("estimate").asDouble());
        assertThat(denseAccuracy.get("estimate").asDouble()).isLessThanOrEqualTo(denseAccuracy.get("upper").asDouble());

        JsonNode moe = plan.get("moe");
        assertThat(moe).hasSize(2);
        JsonNode eight = moe.get(0);
        JsonNode sixtyFour = moe.get(1);
        assertThat(eight.get("experts").asLong()).isEqualTo(8);
        assertThat(eight.get("parameters").asDouble()).isEqualTo(n);
        assertThat(eight.get("tokens").asDouble()).isEqualTo(d);
        assertThat(eight.get("flops").asDouble()).isEqualTo(plan.get("flops").asDouble());
        assertThat(eight.get("expertParameterShare").asDouble()).isCloseTo(SHARE, within(1e-6));
        assertThat(eight.get("totalParameters").asDouble()).isCloseTo(n * (1 + SHARE * 7), within(n * 1e-6));
        assertThat(eight.get("weightsBytes").asDouble()).isCloseTo(2 * eight.get("totalParameters").asDouble(), within(1.0));
        assertThat(sixtyFour.get("acceleratorsToHoldWeights").get("h100-sxm").asLong())
                .isEqualTo((long) Math.ceil(sixtyFour.get("weightsBytes").asDouble() / 80e9));
        assertThat(sixtyFour.get("predictedLoss").get("estimate").asDouble())
                .isLessThan(eight.get("predictedLoss").get("estimate").asDouble());
        assertThat(sixtyFour.get("effectiveParameters").get("estimate").asDouble())
                .isGreaterThan(eight.get("effectiveParameters").get("estimate").asDouble());
        JsonNode accuracy = sixtyFour.get("metrics").get("hellaswag");
        assertThat(accuracy.get("estimate").asDouble())
                .isGreaterThan(eight.get("metrics").get("hellaswag").get("estimate").asDouble());
        assertThat(accuracy.get("lower").asDouble()).isBetween(0.0, accuracy.get("upper").asDouble());
        assertThat(accuracy.get("upper").asDouble()).isLessThanOrEqualTo(1);

        JsonNode stored = api.getJson("/api/v1/projects/" + project + "/plans/" + plan.get("id").asLong());
        assertThat(stored.get("moe")).hasSize(2);
        assertThat(stored.get("moe").get(1).get("metrics").has("loss_wiki")).isTrue();
    }

    @Test
    void expertsInAPlanWithoutAMoeFitIsA422() throws Exception {
        String dense = api.createProject("moe-none");
        api.uploadJson(dense, RunsApi.runs("r", 12));
        MvcResult result = mvc.perform(post("/api/v1/projects/" + dense + "/plans").contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e21}, \"experts\": [8]}"))
                .andReturn();
        assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isEqualTo(422);
        assertThat(RunsApi.json(result).get("detail").asString()).contains("fit the moe form");
    }

    private static void assertRowError(JsonNode error, int row, String field) {
        assertThat(error.get("row").asInt()).isEqualTo(row);
        assertThat(error.get("field").asString()).isEqualTo(field);
    }

    private String fitPath() {
        return "/api/v1/projects/" + project + "/fits";
    }

    private MvcResult fit(String body) throws Exception {
        return fitResult(project, body);
    }

    private MvcResult fitResult(String projectId, String body) throws Exception {
        return mvc.perform(post("/api/v1/projects/" + projectId + "/fits").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn();
    }
}
