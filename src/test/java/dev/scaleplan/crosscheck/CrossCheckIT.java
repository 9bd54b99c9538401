package dev.scaleplan.crosscheck;

import java.util.Locale;
import java.util.Random;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A new user's IsoFLOP sweep, end to end: 6 budgets × 9 model sizes from Besiroglu et al. 2024's
 * Chinchilla law (E=1.8172, A=482.01, B=2085.43, α=0.3478, β=0.3658) with 1% noise, tagged by budget.
 * The IsoFLOP analysis, a plan from it, the agreement with a Chinchilla fit on the same runs, the
 * backtest, and two datasets compared.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossCheckIT {

    private static final String PROJECT = "isoflop-sweep";
    private static final double ALPHA = 0.3478;
    private static final double BETA = 0.3658;
    private static final double[] BUDGETS = {1e18, 3e18, 1e19, 3e19, 1e20, 3e20};

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    private long isoflopId;
    private long chinchillaId;

    @BeforeAll
    void uploadSweepAndAnalyse() throws Exception {
        send(post("/api/v1/projects"), "{\"id\": \"" + PROJECT + "\", \"name\": \"IsoFLOP sweep\"}").andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/" + PROJECT + "/runs").contentType("text/csv").content(sweep("web", 1.0, 3)))
                .andExpect(status().isCreated());
        isoflopId = created("/fits", "{\"form\": \"isoflop\", \"bootstrap\": 200, \"seed\": 3}").get("id").asLong();
        chinchillaId = created("/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 60, \"seed\": 3}").get("id").asLong();
    }

    @Test
    void putsApproach2BesideApproach3WithAVerdictAndTwoAllocations() throws Exception {
        JsonNode agreement = getJson("/agreement?flops=1e22");
        assertThat(agreement.get("approach2").get("fitId").asLong()).isEqualTo(isoflopId);
        assertThat(agreement.get("approach3").get("fitId").asLong()).isEqualTo(chinchillaId);
        JsonNode a2 = agreement.get("approach2").get("a");
        JsonNode a3 = agreement.get("approach3").get("a");
        assertThat(agreement.get("difference").get("a").asDouble())
                .isCloseTo(a2.get("estimate").asDouble() - a3.get("estimate").asDouble(), within(1e-12));
        boolean overlap = a2.get("lower").asDouble() <= a3.get("upper").asDouble()
                && a3.get("lower").asDouble() <= a2.get("upper").asDouble();
        assertThat(agreement.get("overlap").asBoolean()).isEqualTo(overlap).isTrue();
        assertThat(agreement.get("note").asString()).startsWith("At C = 1.00e+22 FLOPs the two methods' plans")
                .contains("The exponent intervals of Approach 2 (IsoFLOP) and Approach 3 (parametric fit) overlap");
        JsonNode budget = agreement.get("budget");
        assertThat(budget.get("flops").asDouble()).isEqualTo(1e22);
        for (String method : new String[] {"approach2", "approach3"}) {
            JsonNode allocation = budget.get(method);
            assertThat(allocation.get("parameters").get("estimate").asDouble() * allocation.get("tokens").get("estimate").asDouble() * 6)
                    .isCloseTo(1e22, within(1e16));
            assertThat(allocation.get("loss").get("estimate").asDouble()).isBetween(1.9, 2.4);
        }
        JsonNode plan = created("/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e21}}");
        assertThat(plan.has("agreementNote")).isFalse();
    }

    @Test
    void plansCarryANoteWhenTheMethodsDisagree() throws Exception {
        send(post("/api/v1/projects"), "{\"id\": \"disagree\", \"name\": \"Disagree\"}").andExpect(status().isCreated());
        StringBuilder csv = new StringBuilder("parameters,tokens,loss,tag.budget,dataset\n");
        sweep("sweep", 1.0, 8).lines().skip(1).forEach(row -> csv.append(row).append('\n'));
        // A grid from a law with a = β/(α+β) = 0.25: compute should go mostly into data.
        for (double n = 5e7; n <= 3e9; n *= 2.8) {
            for (double perParameter : new double[] {5, 10, 20, 40, 80}) {
                double d = n * perParameter;
                csv.append(String.format(Locale.ROOT, "%.6e,%.6e,%.6f,,grid%n", n, d,
                        1.8 + 40000 / Math.pow(n, 0.6) + 400 / Math.pow(d, 0.2)));
            }
        }
        mvc.perform(post("/api/v1/projects/disagree/runs").contentType("text/csv").content(csv.toString()))
                .andExpect(status().isCreated());
        send(post("/api/v1/projects/disagree/fits"), "{\"form\": \"chinchilla\", \"bootstrap\": 20, "
                + "\"filter\": {\"dataset\": \"grid\"}}").andExpect(status().isCreated());
        // A plan before the IsoFLOP fit has no note; the next one, after it, has (the basis kept is checked).
        JsonNode before = json.readTree(send(post("/api/v1/projects/disagree/plans"),
                "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e21}}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        assertThat(before.has("agreementNote")).isFalse();
        send(post("/api/v1/projects/disagree/fits"), "{\"form\": \"isoflop\", \"bootstrap\": 50, "
                + "\"filter\": {\"dataset\": \"sweep\"}}").andExpect(status().isCreated());
        JsonNode agreement = json.readTree(mvc.perform(get("/api/v1/projects/disagree/agreement"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(agreement.get("overlap").asBoolean()).isFalse();
        JsonNode plan = json.readTree(send(post("/api/v1/projects/disagree/plans"),
                "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e21}}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        assertThat(plan.get("agreementNote").asString()).contains("disagree beyond their exponent intervals")
                .contains("more of extra compute into parameters").doesNotContain("\n");
    }

    @Test
    void agreementNamesTheMissingFitAndHowToMakeIt() throws Exception {
        send(post("/api/v1/projects"), "{\"id\": \"no-fits\", \"name\": \"No fits\"}").andExpect(status().isCreated());
        JsonNode problem = json.readTree(mvc.perform(get("/api/v1/projects/no-fits/agreement"))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString());
        assertThat(problem.get("missing").toString()).isEqualTo("[\"isoflop\",\"chinchilla\"]");
        assertThat(problem.get("detail").asString()).contains("{\"form\": \"isoflop\"}").contains("{\"form\": \"chinchilla\"}");
        mvc.perform(get("/api/v1/projects/" + PROJECT + "/agreement?flops=-1")).andExpect(status().isBadRequest());
    }

    @Test
    void backtestsOnceAndQuotesTheResultInFarPlans() throws Exception {
        JsonNode backtest = getJson("/fits/" + chinchillaId + "/backtest");
        JsonNode points = backtest.get("points");
        assertThat(points.size()).isBetween(3, 5);
        for (JsonNode point : points) {
            assertThat(point.get("extrapolationRatio").asDouble()).isGreaterThan(1);
            assertThat(point.get("runsPredicted").asInt()).isPositive();
            assertThat(point.get("meanRelativeError").asDouble()).isLessThan(0.05)
                    .isLessThanOrEqualTo(point.get("maxRelativeError").asDouble());
        }
        assertThat(getJson("/fits/" + chinchillaId + "/backtest").get("createdAt").asString())
                .isEqualTo(backtest.get("createdAt").asString());
        assertThat(jdbc.sql("SELECT count(*) FROM fit_backtest WHERE fit_id = :id").param("id", chinchillaId)
                .query(Long.class).single()).isOne();
        JsonNode plan = created("/plans", "{\"objective\": \"compute-optimal\", \"fitId\": " + chinchillaId
                + ", \"budget\": {\"flops\": 1e23}}");
        assertThat(plan.get("extrapolation").get("warning").asString()).contains("On this project a ")
                .contains("extrapolation (fitted below");

        JsonNode isoflop = getJson("/fits/" + isoflopId + "/backtest");
        assertThat(isoflop.get("form").asString()).isEqualTo("isoflop");
        assertThat(isoflop.get("points")).hasSize(BUDGETS.length - 3);
        mvc.perform(get("/api/v1/projects/" + PROJECT + "/fits/999999/backtest")).andExpect(status().isNotFound());
    }

    /** Routed runs in the same budgets are left out of an IsoFLOP analysis and of a dense fit's backtest. */
    @Test
    void routedRunsStayOutOfIsoFlopBudgetsAndDenseBacktests() throws Exception {
        String project = "routed-budgets";
        send(post("/api/v1/projects"), "{\"id\": \"" + project + "\", \"name\": \"Routed beside dense\"}")
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/" + project + "/runs").contentType("text/csv").content(sweep("web", 1.0, 3)))
                .andExpect(status().isCreated());
        int dense = 9 * BUDGETS.length;
        StringBuilder routed = new StringBuilder("parameters,tokens,loss,tag.budget,dataset,experts,totalParameters\n");
        for (int c = 0; c < BUDGETS.length; c++) {
            for (double n = 1e7; n <= 1e9; n *= 10) {
                // Much lower losses than any dense run of the budget: counted as dense, they would move its optimum.
                routed.append(String.format(Locale.ROOT, "%.6e,%.6e,1.5,c%d,web,64,%.6e%n", n, BUDGETS[c] / (6 * n), c,
                        n * 20));
            }
        }
        JsonNode upload = json.readTree(mvc.perform(post("/api/v1/projects/" + project + "/runs").contentType("text/csv")
                .content(routed.toString())).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        java.util.Set<Long> routedIds = new java.util.HashSet<>();
        upload.get("ids").forEach(id -> routedIds.add(id.asLong()));

        JsonNode isoflop = json.readTree(send(post("/api/v1/projects/" + project + "/fits"),
                "{\"form\": \"isoflop\", \"bootstrap\": 20, \"seed\": 3}").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
        assertThat(isoflop.get("runsUsed").asInt()).isEqualTo(dense);
        isoflop.get("budgets").forEach(budget -> budget.get("runIds")
                .forEach(id -> assertThat(routedIds).doesNotContain(id.asLong())));
        assertThat(isoflop.get("parameters").get("a").get("estimate").asDouble()).isCloseTo(BETA / (ALPHA + BETA),
                org.assertj.core.data.Offset.offset(0.05));

        JsonNode chinchilla = json.readTree(send(post("/api/v1/projects/" + project + "/fits"),
                "{\"form\": \"chinchilla\", \"bootstrap\": 0}").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
        assertThat(chinchilla.get("runsUsed").asInt()).isEqualTo(dense);
        JsonNode backtest = json.readTree(mvc.perform(get("/api/v1/projects/" + project + "/fits/"
                + chinchilla.get("id").asLong() + "/backtest")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
        assertThat(backtest.get("runs").asInt()).isEqualTo(dense);
    }

    @Test
    void comparesDatasetsWithEffectiveDataMultipliers() throws Exception {
        send(post("/api/v1/projects"), "{\"id\": \"two-datasets\", \"name\": \"Two datasets\"}")
                .andExpect(status().isCreated());
        StringBuilder csv = new StringBuilder("parameters,tokens,loss,dataset\n");
        Random random = new Random(11);
        for (String dataset : new String[] {"web", "curated"}) {
            double quality = dataset.equals("web") ? 1.0 : 0.8;
            for (double n = 5e7; n <= 3e9; n *= 2.8) {
                for (double perParameter : new double[] {5, 10, 20, 40, 80}) {
                    double d = n * perParameter;
                    double loss = (1.8172 + 482.01 / Math.pow(n, ALPHA) + 2085.43 * quality / Math.pow(d, BETA))
                            * Math.exp(0.005 * random.nextGaussian());
                    csv.append(String.format(Locale.ROOT, "%.6e,%.6e,%.6f,%s%n", n, d, loss, dataset));
                }
            }
        }
        mvc.perform(post("/api/v1/projects/two-datasets/runs").contentType("text/csv").content(csv.toString()))
                .andExpect(status().isCreated());
        String path = "/api/v1/projects/two-datasets/datasets/comparison?form=chinchilla&reference=web"
                + "&parameters=1e9&tokens=2e10";
        JsonNode comparison = json.readTree(mvc.perform(get(path)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(comparison.get("reference").asString()).isEqualTo("web");
        JsonNode rows = comparison.get("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("effectiveDataMultiplier").get("estimate").asDouble()).isCloseTo(1, within(1e-9));
        JsonNode curated = rows.get(1);
        assertThat(curated.get("dataset").asString()).isEqualTo("curated");
        assertThat(curated.get("parameters").has("beta")).isTrue();
        JsonNode multiplier = curated.get("effectiveDataMultiplier");
        // Data term × 0.8: one curated token is worth 0.8^(−1/β) ≈ 1.84 web tokens.
        assertThat(multiplier.get("estimate").asDouble()).isBetween(1.4, 2.4);
        assertThat(multiplier.get("lower").asDouble()).isLessThan(multiplier.get("upper").asDouble());
        assertThat(curated.get("loss").get("estimate").asDouble())
                .isLessThan(rows.get(0).get("loss").get("estimate").asDouble());

        long fits = jdbc.sql("SELECT count(*) FROM fit WHERE project_id = 'two-datasets'").query(Long.class).single();
        mvc.perform(get(path)).andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT count(*) FROM fit WHERE project_id = 'two-datasets'").query(Long.class).single())
                .isEqualTo(fits).isZero();
        mvc.perform(get("/api/v1/projects/two-datasets/datasets/comparison?reference=books"))
                .andExpect(status().isNotFound());
        // N and D to compare at obey the same bounds as a prediction's: no subnormal N answering a loss of 1e107.
        for (String point : new String[] {"parameters=1e-320&tokens=2e10", "parameters=1e9&tokens=0.5",
                "parameters=1e41&tokens=2e10"}) {
            mvc.perform(get("/api/v1/projects/two-datasets/datasets/comparison?reference=web&" + point))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("between 1 and 1e40")));
        }
        mvc.perform(get("/api/v1/projects/two-datasets/datasets/comparison?form=power-law-flops"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/projects/" + PROJECT + "/datasets/comparison")).andExpect(status().is(422));
    }

    @Test
    void analysesTheSweepIntoBudgetsAndExponentsWithIntervals() throws Exception {
        JsonNode fit = getJson("/fits/" + isoflopId);
        assertThat(fit.get("form").asString()).isEqualTo("isoflop");
        JsonNode a = fit.get("parameters").get("a");
        assertThat(BETA / (ALPHA + BETA)).isBetween(a.get("lower").asDouble(), a.get("upper").asDouble());
        JsonNode b = fit.get("parameters").get("b");
        assertThat(ALPHA / (ALPHA + BETA)).isBetween(b.get("lower").asDouble(), b.get("upper").asDouble());
        assertThat(fit.get("budgets")).hasSize(BUDGETS.length);
        JsonNode budget = fit.get("budgets").get(2);
        assertThat(budget.get("flops").asDouble()).isCloseTo(1e19, within(1e13));
        assertThat(budget.get("tag").asString()).isEqualTo("c2");
        assertThat(budget.get("runs").asInt()).isEqualTo(9);
        assertThat(budget.get("excluded").asBoolean()).isFalse();
        assertThat(budget.get("parametersOptimal").get("lower").asDouble())
                .isLessThan(budget.get("parametersOptimal").get("upper").asDouble());
        assertThat(budget.get("tokensOptimal").get("estimate").asDouble() * budget.get("parametersOptimal").get("estimate").asDouble() * 6)
                .isCloseTo(budget.get("flops").asDouble(), within(1e-6 * budget.get("flops").asDouble()));
        assertThat(fit.get("runsUsed").asInt()).isEqualTo(54);
        assertThat(fit.get("bootstrap").get("successful").asInt()).isGreaterThan(190);
        assertThat(getJson("/fits/latest?form=isoflop").get("id").asLong()).isEqualTo(isoflopId);
        assertThat(getJson("/fits").get("content").findValues("form").stream().map(JsonNode::asString))
                .contains("isoflop");
    }

    @Test
    void plansFromTheIsoflopFrontier() throws Exception {
        JsonNode fit = getJson("/fits/" + isoflopId);
        JsonNode plan = created("/plans", "{\"objective\": \"compute-optimal\", \"fitId\": " + isoflopId
                + ", \"budget\": {\"flops\": 3e20}}");
        assertThat(plan.get("form").asString()).isEqualTo("isoflop");
        double a = fit.get("parameters").get("a").get("estimate").asDouble();
        double g = Math.pow(ALPHA * 482.01 / (BETA * 2085.43), 1 / (ALPHA + BETA));
        assertThat(plan.get("parameters").asDouble() / (g * Math.pow(3e20 / 6, BETA / (ALPHA + BETA))))
                .isCloseTo(1, within(0.3));
        JsonNode further = created("/plans", "{\"objective\": \"compute-optimal\", \"fitId\": " + isoflopId
                + ", \"budget\": {\"flops\": 3e22}}");
        assertThat(further.get("parameters").asDouble() / plan.get("parameters").asDouble())
                .isCloseTo(Math.pow(100, a), within(1e-3));
        assertThat(further.get("predictedLoss").get("estimate").asDouble())
                .isLessThan(plan.get("predictedLoss").get("estimate").asDouble());
        assertThat(further.get("parametersInterval").get("lower").asDouble())
                .isLessThan(further.get("parametersInterval").get("upper").asDouble());
    }

    @Test
    void rejectsTooFewBudgetsNamingWhatIsMissing() throws Exception {
        send(post("/api/v1/projects"), "{\"id\": \"two-budgets\", \"name\": \"Two\"}").andExpect(status().isCreated());
        StringBuilder csv = new StringBuilder("parameters,tokens,loss,tag.budget\n");
        for (String row : sweep("web", 1.0, 5).lines().skip(1).toList()) {
            if (row.endsWith(",c0,web") || row.endsWith(",c1,web")) {
                csv.append(row, 0, row.lastIndexOf(',')).append('\n');
            }
        }
        mvc.perform(post("/api/v1/projects/two-budgets/runs").contentType("text/csv").content(csv.toString()))
                .andExpect(status().isCreated());
        JsonNode problem = json.readTree(send(post("/api/v1/projects/two-budgets/fits"), "{\"form\": \"isoflop\"}")
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString());
        assertThat(problem.get("detail").asString()).contains("at least 3 usable budgets").contains("found 2 usable");
        assertThat(problem.get("budgets")).hasSize(2);
        send(post("/api/v1/projects/two-budgets/fits"), "{\"form\": \"isoflop\", \"holdout\": 0.2}")
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("SELECT count(*) FROM fit WHERE project_id = 'two-budgets'").query(Long.class).single()).isZero();
    }

    @Test
    void isoflopFitsDoNotPredictAtArbitraryPoints() throws Exception {
        mvc.perform(get("/api/v1/projects/" + PROJECT + "/fits/" + isoflopId + "/prediction?parameters=1e9&tokens=2e10"))
                .andExpect(status().is(422));
    }

    /** CSV of the sweep for one dataset; {@code quality} multiplies the data term's coefficient B. */
    static String sweep(String dataset, double quality, long seed) {
        StringBuilder csv = new StringBuilder("parameters,tokens,loss,tag.budget,dataset\n");
        Random random = new Random(seed);
        double g = Math.pow(ALPHA * 482.01 / (BETA * 2085.43 * quality), 1 / (ALPHA + BETA));
        for (int c = 0; c < BUDGETS.length; c++) {
            double optimum = g * Math.pow(BUDGETS[c] / 6, BETA / (ALPHA + BETA)) * Math.exp(0.4 * (random.nextDouble() - 0.5));
            for (int s = 0; s < 9; s++) {
                double n = optimum * Math.exp(Math.log(4) * (s / 4.0 - 1));
                double d = BUDGETS[c] / (6 * n);
                double loss = (1.8172 + 482.01 / Math.pow(n, ALPHA) + 2085.43 * quality / Math.pow(d, BETA))
                        * Math.exp(0.01 * random.nextGaussian());
                csv.append(String.format(Locale.ROOT, "%.6e,%.6e,%.6f,c%d,%s%n", n, d, loss, c, dataset));
            }
        }
        return csv.toString();
    }

    private ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                               String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private JsonNode created(String path, String body) throws Exception {
        return json.readTree(send(post("/api/v1/projects/" + PROJECT + path), body).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
    }

    private JsonNode getJson(String path) throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/projects/" + PROJECT + path)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }
}
