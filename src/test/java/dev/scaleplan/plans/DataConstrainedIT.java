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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Repeated data end to end: runs that carry {@code uniqueTokens}, drawn from Muennighoff et al. 2023's
 * data-constrained law (E 1.87, A 521, B 1488, α = β = 0.353, R*_D 15.4, R*_N 5.3) with 1% noise, fitted as
 * {@code data-constrained} and as {@code chinchilla}, predicted and planned on.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataConstrainedIT {

    private static final String PROJECT = "repeated-data";
    private static final String FRESH = "fresh-data-only";
    private static final String DEGENERATE = "no-floor";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    private JsonNode fit;

    private JsonNode chinchilla;

    @BeforeAll
    void uploadRepeatedRunsAndFit() throws Exception {
        createProject(PROJECT);
        StringBuilder runs = new StringBuilder("[");
        Random random = new Random(3);
        for (int s = 0; s < 8; s++) {
            double n = 1e7 * Math.pow(100, s / 7.0);
            for (double unique : new double[] {1e8, 1e9, 1e10}) {
                for (double epochs = 1; epochs <= 16; epochs *= 2) {
                    double d = unique * epochs;
                    double loss = truth(n, d, unique) * Math.exp(0.01 * random.nextGaussian());
                    runs.append(runs.length() > 1 ? "," : "").append(String.format(java.util.Locale.ROOT,
                            "{\"parameters\": %s, \"tokens\": %s, \"uniqueTokens\": %s, \"loss\": %s}", n, d, unique, loss));
                }
            }
        }
        mvc.perform(post("/api/v1/projects/" + PROJECT + "/runs").contentType(MediaType.APPLICATION_JSON)
                .content(runs.append("]").toString())).andExpect(status().isCreated());
        fit = postJson(PROJECT, "/fits", "{\"form\": \"data-constrained\", \"bootstrap\": 30, \"seed\": 2}", 201);
        chinchilla = postJson(PROJECT, "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 0, \"holdout\": 0}", 201);
    }

    /** Muennighoff et al. 2023, eqs. 5–7 with their fitted constants. */
    private static double truth(double n, double d, double unique) {
        double alpha = 0.353;
        double beta = 0.353;
        double seen = Math.min(d, unique);
        double effectiveTokens = seen + seen * 15.4 * (1 - Math.exp(-(d / seen - 1) / 15.4));
        double usable = Math.pow(alpha * 521 * Math.pow(seen, beta) / (beta * 1488), 1 / alpha);
        double base = Math.min(n, usable);
        double effectiveParameters = base + base * 5.3 * (1 - Math.exp(-(n / base - 1) / 5.3));
        return 1.87 + 521 / Math.pow(effectiveParameters, alpha) + 1488 / Math.pow(effectiveTokens, beta);
    }

    @Test
    void fitsBothRStarsAndKeepsThem() throws Exception {
        JsonNode rStarD = fit.get("parameters").get("rStarD");
        JsonNode rStarN = fit.get("parameters").get("rStarN");
        assertThat(rStarD.get("lower").asDouble()).isLessThan(15.4);
        assertThat(rStarD.get("upper").asDouble()).isGreaterThan(15.4);
        assertThat(rStarN.get("lower").asDouble()).isLessThan(5.3);
        assertThat(rStarN.get("upper").asDouble()).isGreaterThan(5.3);
        assertThat(fit.get("form").asString()).isEqualTo("data-constrained");
        assertThat(fit.get("runsUsed").asInt()).isEqualTo(120);

        JsonNode stored = getJson(PROJECT, "/fits/" + fit.get("id").asLong());
        assertThat(stored.get("parameters").get("rStarD").get("estimate").asDouble())
                .isEqualTo(rStarD.get("estimate").asDouble());
        assertThat(getJson(PROJECT, "/fits/latest?form=data-constrained").get("id").asLong())
                .isEqualTo(fit.get("id").asLong());
    }

    @Test
    void predictsRepeatedDataWithUniqueTokensAndRefusesBadValues() throws Exception {
        long id = fit.get("id").asLong();
        JsonNode fresh = getJson(PROJECT, "/fits/" + id + "/prediction?parameters=5e8&tokens=2e10");
        JsonNode repeated = getJson(PROJECT, "/fits/" + id + "/prediction?parameters=5e8&tokens=2e10&uniqueTokens=5e8");
        assertThat(repeated.get("epochs").asDouble()).isEqualTo(40);
        assertThat(repeated.get("uniqueTokens").asDouble()).isEqualTo(5e8);
        assertThat(repeated.get("loss").asDouble()).isGreaterThan(fresh.get("loss").asDouble())
                .isCloseTo(truth(5e8, 2e10, 5e8), within(0.03 * truth(5e8, 2e10, 5e8)));
        assertThat(repeated.get("lower").asDouble()).isLessThan(repeated.get("upper").asDouble());
        assertThat(fresh.has("epochs")).isFalse();

        for (String bad : new String[] {"uniqueTokens=0", "uniqueTokens=-5", "uniqueTokens=NaN", "uniqueTokens=abc",
                "uniqueTokens=1e30"}) {
            mvc.perform(get("/api/v1/projects/" + PROJECT + "/fits/" + id + "/prediction?parameters=5e8&tokens=2e10&"
                    + bad)).andExpect(status().isBadRequest());
        }
        mvc.perform(get("/api/v1/projects/" + PROJECT + "/fits/" + id + "/prediction?flops=1e21&uniqueTokens=1e9"))
                .andExpect(status().isBadRequest());
        JsonNode problem = body(mvc.perform(get("/api/v1/projects/" + PROJECT + "/fits/" + chinchilla.get("id").asLong()
                + "/prediction?parameters=5e8&tokens=2e10&uniqueTokens=5e8")).andExpect(status().is(422))
                .andReturn().getResponse().getContentAsString());
        assertThat(problem.get("detail").asString()).contains("assumes fresh data");
    }

    @Test
    void chinchillaLeavesOutRunsBeyondFourEpochsAndSaysHowMany() throws Exception {
        JsonNode dense = getJson(PROJECT, "/fits/" + chinchilla.get("id").asLong());

        // 8 sizes × 3 unique budgets at 8 and 16 epochs.
        assertThat(dense.get("runsUsed").asInt()).isEqualTo(120 - 48);
        assertThat(dense.get("warnings").toString()).contains("48 of the 120 runs repeat their unique tokens more than 4"
                + " times (up to 16 epochs) and were left out");
    }

    @Test
    void plansOnCappedDataUseTheProjectsDataConstrainedFit() throws Exception {
        JsonNode plan = postJson(PROJECT, "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e20},"
                + " \"uniqueTokens\": 2e9}", 201);

        JsonNode constrained = plan.get("dataConstrained");
        assertThat(plan.get("fitId").asLong()).isEqualTo(fit.get("id").asLong());
        assertThat(constrained.get("fitId").asLong()).isEqualTo(fit.get("id").asLong());
        assertThat(constrained.get("rStarD").asDouble())
                .isEqualTo(fit.get("parameters").get("rStarD").get("estimate").asDouble());
        assertThat(constrained.get("rStarN").asDouble())
                .isEqualTo(fit.get("parameters").get("rStarN").get("estimate").asDouble());
        assertThat(constrained.get("epochs").asDouble()).isGreaterThan(1);
        assertThat(plan.get("warnings").toString()).doesNotContain("published constants");

        JsonNode stored = getJson(PROJECT, "/plans/" + plan.get("id").asLong());
        assertThat(stored.get("dataConstrained")).isEqualTo(constrained);
    }

    @Test
    void plansWithoutADataConstrainedFitSayTheyUsedThePublishedConstants() throws Exception {
        createProject(FRESH);
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        Random random = new Random(5);
        for (double n = 7e7; n <= 1.6e10; n *= 1.8) {
            for (double tokensPerParameter : new double[] {5, 10, 20, 40, 80}) {
                double d = n * tokensPerParameter;
                csv.append(n).append(',').append(d).append(',')
                        .append(truth(n, d, d) * Math.exp(0.01 * random.nextGaussian())).append('\n');
            }
        }
        mvc.perform(post("/api/v1/projects/" + FRESH + "/runs").contentType("text/csv").content(csv.toString()))
                .andExpect(status().isCreated());
        postJson(FRESH, "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 20, \"holdout\": 0}", 201);

        JsonNode plan = postJson(FRESH, "/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e22},"
                + " \"uniqueTokens\": 1e10}", 201);

        JsonNode constrained = plan.get("dataConstrained");
        assertThat(constrained.has("fitId")).isFalse();
        assertThat(constrained.get("rStarD").asDouble()).isEqualTo(15.4);
        assertThat(constrained.get("rStarN").asDouble()).isEqualTo(5.3);
        assertThat(plan.get("warnings").toString()).contains("published constants")
                .contains("R*_D anywhere from about 15 to 80");
        for (String bad : new String[] {"\"uniqueTokens\": 0", "\"uniqueTokens\": -1e9", "\"uniqueTokens\": \"many\"",
                "\"uniqueTokens\": 1e30"}) {
            mvc.perform(post("/api/v1/projects/" + FRESH + "/plans").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e22}, " + bad + "}"))
                    .andExpect(status().isBadRequest());
        }
    }

    @Test
    void aLawWithoutAFloorRefusesToPlanUnlessAllowed() throws Exception {
        createProject(DEGENERATE);
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        Random random = new Random(9);
        for (double n = 7e7; n <= 2e9; n *= 1.5) {
            for (double tokensPerParameter : new double[] {5, 10, 20, 40, 80}) {
                double d = n * tokensPerParameter;
                // Losses falling faster than any positive floor allows: the fit's E goes to the bound of its domain.
                double loss = (-0.1 + 482.01 / Math.pow(n, 0.3478) + 2085.43 / Math.pow(d, 0.3658))
                        * Math.exp(0.01 * random.nextGaussian());
                csv.append(n).append(',').append(d).append(',').append(loss).append('\n');
            }
        }
        mvc.perform(post("/api/v1/projects/" + DEGENERATE + "/runs").contentType("text/csv").content(csv.toString()))
                .andExpect(status().isCreated());
        JsonNode degenerateFit = postJson(DEGENERATE, "/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 20, "
                + "\"holdout\": 0}", 201);
        assertThat(degenerateFit.get("warnings").toString()).contains("E = ").contains("lower bound");
        String request = "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e21}";

        JsonNode problem = postJson(DEGENERATE, "/plans", request + "}", 422);
        assertThat(problem.get("reason").asString()).isEqualTo("degenerate-plan");
        assertThat(problem.get("detail").asString()).contains("E sits at the bound").contains("allowDegenerate");
        assertThat(jdbc.sql("SELECT count(*) FROM plan WHERE project_id = :id").param("id", DEGENERATE)
                .query(Long.class).single()).isZero();

        JsonNode allowed = postJson(DEGENERATE, "/plans", request + ", \"allowDegenerate\": true}", 201);
        assertThat(allowed.get("warnings").toString()).contains("Degenerate plan, answered because allowDegenerate");
        postJson(DEGENERATE, "/plans", request + ", \"allowDegenerate\": \"yes\"}", 400);
    }

    private void createProject(String id) throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"" + id + "\", \"name\": \"" + id + "\"}")).andExpect(status().isCreated());
    }

    private JsonNode postJson(String project, String path, String body, int expected) throws Exception {
        return body(mvc.perform(post("/api/v1/projects/" + project + path).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().is(expected)).andReturn().getResponse().getContentAsString());
    }

    private JsonNode getJson(String project, String path) throws Exception {
        return body(mvc.perform(get("/api/v1/projects/" + project + path)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private JsonNode body(String content) {
        return json.readTree(content);
    }
}
