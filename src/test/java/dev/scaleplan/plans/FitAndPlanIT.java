package dev.scaleplan.plans;

import java.util.Random;

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

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Fits and plans end to end on a project whose runs follow Besiroglu et al. 2024's corrected
 * Chinchilla law (E=1.8172, A=482.01, B=2085.43, α=0.3478, β=0.3658) with 1% log-normal noise.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FitAndPlanIT {

    private static final String PROJECT = "chinchilla-like";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    private long fitId;

    @BeforeAll
    void uploadRunsAndFit() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"" + PROJECT + "\", \"name\": \"Chinchilla-like\"}")).andExpect(status().isCreated());
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        Random random = new Random(7);
        for (double n = 7e7; n <= 1.6e10; n *= 1.8) {
            for (double tokensPerParameter : new double[] {5, 10, 20, 40, 80}) {
                double d = n * tokensPerParameter;
                double loss = BESIROGLU.loss(n, d)
                        * Math.exp(0.01 * random.nextGaussian());
                csv.append(n).append(',').append(d).append(',').append(loss).append('\n');
            }
        }
        mvc.perform(post("/api/v1/projects/" + PROJECT + "/runs").contentType("text/csv").content(csv.toString()))
                .andExpect(status().isCreated());
        JsonNode fit = body(mvc.perform(post("/api/v1/projects/" + PROJECT + "/fits")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"form\": \"chinchilla\", \"bootstrap\": 60, \"seed\": 1}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        fitId = fit.get("id").asLong();
    }

    @Test
    void fitRecoversTheLawWithIntervalsAndDiagnostics() throws Exception {
        JsonNode fit = getJson("/fits/" + fitId);
        JsonNode alpha = fit.get("parameters").get("alpha");
        assertThat(alpha.get("estimate").asDouble()).isCloseTo(0.3478, within(0.05));
        assertThat(alpha.get("lower").asDouble()).isLessThanOrEqualTo(alpha.get("upper").asDouble());
        assertThat(fit.get("parameters").get("E").get("estimate").asDouble()).isCloseTo(1.8172, within(0.1));
        assertThat(fit.get("objective").asDouble()).isPositive();
        assertThat(fit.get("runsUsed").asInt()).isEqualTo(50);
        assertThat(fit.get("goodnessOfFit").get("rmseLogLoss").asDouble()).isBetween(0.005, 0.02);
        assertThat(fit.get("holdout").get("runsHeldOut").asInt()).isPositive();
        assertThat(fit.get("bootstrap").get("successful").asInt()).isEqualTo(60);
        assertThat(fit.get("derived").has("optimalTokensPerParameterAtMaxObservedFlops")).isTrue();
        assertThat(fit.get("stale").asBoolean()).isFalse();
        assertThat(getJson("/fits/latest?form=chinchilla").get("id").asLong()).isEqualTo(fitId);
        assertThat(jdbc.sql("SELECT data_revision FROM fit WHERE id = :id").param("id", fitId).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void predictsAtLargerScaleWithBandAndExtrapolationNote() throws Exception {
        JsonNode confidence = getJson("/fits/" + fitId + "/prediction?parameters=7e10&tokens=1.4e12&band=confidence");
        assertThat(confidence.get("loss").asDouble()).isCloseTo(1.8172 + 482.01 / Math.pow(7e10, 0.3478)
                + 2085.43 / Math.pow(1.4e12, 0.3658), within(0.05));
        assertThat(confidence.get("lower").asDouble()).isLessThan(confidence.get("upper").asDouble());
        assertThat(confidence.get("band").asString()).isEqualTo("confidence");
        assertThat(confidence.get("extrapolation").get("outsideObservedRange").asBoolean()).isTrue();
        assertThat(confidence.get("extrapolation").get("note").asString()).contains("outside the fitted runs");
        JsonNode prediction = getJson("/fits/" + fitId + "/prediction?parameters=7e10&tokens=1.4e12&band=prediction");
        assertThat(prediction.get("upper").asDouble() - prediction.get("lower").asDouble())
                .isGreaterThan(confidence.get("upper").asDouble() - confidence.get("lower").asDouble());
        JsonNode frontier = getJson("/fits/" + fitId + "/prediction?flops=5.76e23");
        assertThat(frontier.get("parameters").asDouble()).isBetween(3e10, 1.5e11);
    }

    @Test
    void servesACurveADashboardCanDraw() throws Exception {
        JsonNode curve = getJson("/fits/" + fitId + "/curve?axis=flops&from=1e18&to=1e25&points=20");
        assertThat(curve.get("points")).hasSize(20);
        JsonNode first = curve.get("points").get(0);
        JsonNode last = curve.get("points").get(19);
        assertThat(last.get("loss").asDouble()).isLessThan(first.get("loss").asDouble());
        assertThat(last.get("x").asDouble()).isCloseTo(1e25, within(1e19));
        mvc.perform(get("/api/v1/projects/" + PROJECT + "/fits/" + fitId + "/curve?axis=time"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void plansTheChinchillaBudgetAndRoundTripsItsLossAsATarget() throws Exception {
        JsonNode plan = createPlan("{\"objective\": \"compute-optimal\", \"fitId\": " + fitId
                + ", \"budget\": {\"flops\": 5.76e23}}");
        assertThat(plan.get("parameters").asDouble()).isBetween(5e10, 1e11);
        assertThat(plan.get("tokens").asDouble()).isBetween(1e12, 1.8e12);
        assertThat(plan.get("parametersInterval").get("lower").asDouble())
                .isLessThan(plan.get("parametersInterval").get("upper").asDouble());
        assertThat(plan.get("extrapolation").get("ratio").asDouble()).isBetween(1.0, 10.0);
        assertThat(plan.get("alternatives")).hasSize(3);
        double loss = plan.get("predictedLoss").get("estimate").asDouble();

        JsonNode target = createPlan("{\"objective\": \"target-loss\", \"fitId\": " + fitId + ", \"targetLoss\": " + loss + "}");
        assertThat(target.get("flops").asDouble()).isCloseTo(5.76e23, within(5.76e23 * 1e-4));

        JsonNode inference = createPlan("{\"objective\": \"inference-aware\", \"fitId\": " + fitId
                + ", \"targetLoss\": " + loss + ", \"inferenceTokens\": 2e13}");
        assertThat(inference.get("parameters").asDouble()).isLessThan(0.8 * plan.get("parameters").asDouble());
        assertThat(inference.get("plannedTokensPerParameter").asDouble()).isGreaterThan(plan.get("plannedTokensPerParameter").asDouble());
        assertThat(inference.get("inference").get("lifetimeFlops").asDouble())
                .isLessThan(inference.get("inference").get("computeOptimalLifetimeFlops").asDouble());

        long planId = plan.get("id").asLong();
        assertThat(getJson("/plans/" + planId).get("parameters").asDouble()).isEqualTo(plan.get("parameters").asDouble());
        assertThat(getJson("/plans").get("totalElements").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void turnsAMonthOf1024H100sIntoFlopsAndDollars() throws Exception {
        JsonNode plan = createPlan("{\"objective\": \"compute-optimal\", \"budget\": {\"accelerator\": \"h100-sxm\", "
                + "\"count\": 1024, \"hours\": 720, \"mfu\": 0.4, \"pricePerHour\": 2.5}}");
        assertThat(plan.get("flops").asDouble()).isCloseTo(1024.0 * 720 * 3600 * 989e12 * 0.4, within(1e18));
        assertThat(plan.get("acceleratorHours").asDouble()).isEqualTo(1024 * 720.0);
        assertThat(plan.get("cost").asDouble()).isEqualTo(1024.0 * 720 * 2.5);
    }

    @Test
    void rejectsUnreachableTargetsAndBadBudgets() throws Exception {
        mvc.perform(post("/api/v1/projects/" + PROJECT + "/plans").contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"target-loss\", \"targetLoss\": 1.0}")).andExpect(status().is(422));
        for (String body : new String[] {
                "{\"objective\": \"compute-optimal\"}",
                "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": -1}}",
                "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e400}}",
                "{\"objective\": \"compute-optimal\", \"budget\": {\"accelerator\": \"tpu-v9\", \"count\": 1, \"hours\": 1}}",
                "{\"objective\": \"compute-optimal\", \"budget\": {\"accelerator\": \"h100-sxm\", \"count\": 1, \"hours\": 1, \"mfu\": 2}}",
                "{\"objective\": \"moonshot\", \"budget\": {\"flops\": 1e23}}",
                "{\"objective\": \"inference-aware\", \"budget\": {\"flops\": 1e23}}"}) {
            mvc.perform(post("/api/v1/projects/" + PROJECT + "/plans").contentType(MediaType.APPLICATION_JSON)
                    .content(body)).andExpect(status().isBadRequest());
        }
    }

    @Test
    void reportsAFitThatCannotBeMadeAs422() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"tiny\", \"name\": \"Tiny\"}")).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/tiny/runs").contentType(MediaType.APPLICATION_JSON)
                .content("[{\"parameters\": 1e8, \"tokens\": 2e9, \"loss\": 3.0}, {\"parameters\": 2e8, \"tokens\": 4e9, \"loss\": 2.9}]"))
                .andExpect(status().isCreated());
        JsonNode problem = body(mvc.perform(post("/api/v1/projects/tiny/fits").contentType(MediaType.APPLICATION_JSON)
                .content("{\"form\": \"chinchilla\"}")).andExpect(status().is(422)).andReturn().getResponse().getContentAsString());
        assertThat(problem.get("reason").asString()).isEqualTo("too-few-runs");
        mvc.perform(post("/api/v1/projects/tiny/plans").contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e21}}")).andExpect(status().is(422));
        assertThat(jdbc.sql("SELECT count(*) FROM fit WHERE project_id = 'tiny'").query(Long.class).single()).isZero();
    }

    private JsonNode createPlan(String request) throws Exception {
        return body(mvc.perform(post("/api/v1/projects/" + PROJECT + "/plans").contentType(MediaType.APPLICATION_JSON)
                .content(request)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
    }

    private JsonNode getJson(String path) throws Exception {
        return body(mvc.perform(get("/api/v1/projects/" + PROJECT + path)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private JsonNode body(String content) {
        return json.readTree(content);
    }
}
