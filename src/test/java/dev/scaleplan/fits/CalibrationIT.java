package dev.scaleplan.fits;

import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Calibrated answers over HTTP on PostgreSQL: an IsoFLOP sweep (7 budgets from 1e18 to 1e21 FLOPs × 9
 * model sizes) from Besiroglu et al.'s Chinchilla law with 1% noise, a chinchilla fit and an isoflop
 * analysis of it; the backtest with allocation drift, the coverage table, calibrated predictions and
 * plans with the bootstrap beside them, and the two methods' plans compared.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalibrationIT {

    private static final String PROJECT = "calibrated";
    private static final double[] BUDGETS = {1e18, 3e18, 1e19, 3e19, 1e20, 3e20, 1e21};

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    private long chinchillaId;
    private double largestFlops;

    @BeforeAll
    void uploadSweepAndFit() throws Exception {
        send(post("/api/v1/projects"), "{\"id\": \"" + PROJECT + "\", \"name\": \"Calibrated\"}")
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/" + PROJECT + "/runs").contentType("text/csv").content(sweep(7)))
                .andExpect(status().isCreated());
        JsonNode fit = created("/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 40, \"seed\": 7}");
        chinchillaId = fit.get("id").asLong();
        largestFlops = fit.get("observedRanges").get("flops").get("max").asDouble();
        created("/fits", "{\"form\": \"isoflop\", \"bootstrap\": 100, \"seed\": 7}");
    }

    @Test
    void backtestComparesEachRefitsAllocationWithTheFullFitsAndSaysTheLargestDriftInWords() throws Exception {
        JsonNode backtest = getJson("/fits/" + chinchillaId + "/backtest?flops=1e23");
        assertThat(backtest.get("flops").asDouble()).isEqualTo(1e23);
        assertThat(backtest.get("points").size()).isBetween(3, 5);
        for (JsonNode point : backtest.get("points")) {
            for (String ratio : new String[] {"parametersRatio", "tokensRatio"}) {
                JsonNode r = point.get(ratio);
                assertThat(r.get("estimate").asDouble()).isBetween(0.2, 5.0);
                assertThat(r.get("lower").asDouble()).isLessThanOrEqualTo(r.get("upper").asDouble());
            }
            assertThat(point.get("furthestRelativeError").asDouble()).isLessThanOrEqualTo(
                    point.get("maxRelativeError").asDouble());
        }
        JsonNode furthest = backtest.get("points").get(backtest.get("points").size() - 1);
        assertThat(backtest.get("summary").asString())
                .startsWith("At its furthest extrapolation (" + BacktestService.times(furthest.get("extrapolationRatio")
                        .asDouble()) + ", fitted below")
                .contains(String.format(Locale.ROOT, "missed the furthest run by %.1f%%",
                        100 * furthest.get("furthestRelativeError").asDouble()))
                .contains("N* at 1.00e+23 FLOPs moved").contains("% of runs (by compute, from");

        JsonNode byDefault = getJson("/fits/" + chinchillaId + "/backtest");
        assertThat(byDefault.get("flops").asDouble()).isCloseTo(10 * largestFlops, within(largestFlops * 1e-9));
        assertThat(byDefault.get("createdAt").asString()).isEqualTo(backtest.get("createdAt").asString());
        mvc.perform(get(path("/fits/" + chinchillaId + "/backtest?flops=-1"))).andExpect(status().isBadRequest());
    }

    @Test
    void coverageCountsEveryPredictedRunOnceForEachBand() throws Exception {
        JsonNode backtest = getJson("/fits/" + chinchillaId + "/backtest");
        int predicted = 0;
        for (JsonNode point : backtest.get("points")) {
            predicted += point.get("runsPredicted").asInt();
        }
        JsonNode coverage = getJson("/fits/" + chinchillaId + "/coverage");
        Set<String> bands = new HashSet<>();
        int[] totals = new int[3];
        for (JsonNode row : coverage.get("rows")) {
            String band = row.get("band").asString();
            bands.add(band);
            assertThat(row.get("nominal").asDouble()).isEqualTo(0.9);
            assertThat(row.get("covered").asInt()).isBetween(0, row.get("total").asInt());
            assertThat(row.get("total").asInt()).isPositive();
            assertThat(row.get("extrapolationRatio").asDouble()).isIn(2.0, 10.0, 100.0, 1000.0);
            totals[java.util.List.of("confidence", "prediction", "calibrated").indexOf(band)] += row.get("total").asInt();
        }
        assertThat(bands).containsExactlyInAnyOrder("confidence", "prediction", "calibrated");
        assertThat(totals[0]).isEqualTo(predicted);
        assertThat(totals[1]).isEqualTo(predicted);
        assertThat(totals[2]).isEqualTo(predicted);
        mvc.perform(get(path("/fits/999999/coverage"))).andExpect(status().isNotFound());
    }

    @Test
    void predictionsBeyondTheFittedRunsAreCalibratedByDefaultWithTheBootstrapBandBeside() throws Exception {
        JsonNode far = getJson("/fits/" + chinchillaId + "/prediction?flops=1e23");
        assertThat(far.get("band").asString()).isEqualTo("calibrated");
        double loss = far.get("loss").asDouble();
        assertThat(far.get("lower").asDouble()).isLessThan(loss);
        assertThat(far.get("upper").asDouble()).isGreaterThan(loss);
        JsonNode bootstrap = far.get("bootstrap");
        assertThat(bootstrap.get("band").asString()).isEqualTo("prediction");
        assertThat(bootstrap.get("lower").asDouble()).isLessThan(bootstrap.get("upper").asDouble());

        JsonNode inside = getJson("/fits/" + chinchillaId + "/prediction?flops=1e20");
        assertThat(inside.get("band").asString()).isEqualTo("confidence");
        assertThat(inside.has("bootstrap")).isFalse();
        JsonNode asked = getJson("/fits/" + chinchillaId + "/prediction?flops=1e20&band=calibrated");
        assertThat(asked.get("band").asString()).isEqualTo("calibrated");

        JsonNode curve = getJson("/fits/" + chinchillaId + "/curve?axis=flops&from=1e20&to=1e24&points=5&band=calibrated");
        assertThat(curve.get("band").asString()).isEqualTo("calibrated");
        double previousWidth = 0;
        for (JsonNode point : curve.get("points")) {
            double width = Math.log(point.get("upper").asDouble() / point.get("lower").asDouble());
            assertThat(width).isGreaterThanOrEqualTo(previousWidth);
            previousWidth = width;
            assertThat(point.get("bootstrap").get("lower").asDouble()).isLessThan(point.get("loss").asDouble());
        }
        mvc.perform(get(path("/fits/" + chinchillaId + "/prediction?flops=1e23&band=widest")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void plansCarryCalibratedIntervalsWidenedByTheDriftWithTheBootstrapBeside() throws Exception {
        JsonNode plan = created("/plans", "{\"objective\": \"compute-optimal\", \"fitId\": " + chinchillaId
                + ", \"budget\": {\"flops\": 1e23}}");
        assertThat(plan.get("band").asString()).isEqualTo("calibrated");
        JsonNode bootstrap = plan.get("bootstrap");
        double n = plan.get("parameters").asDouble();
        JsonNode calibratedN = plan.get("parametersInterval");
        assertThat(calibratedN.get("lower").asDouble()).isLessThanOrEqualTo(bootstrap.get("parametersInterval").get("lower").asDouble());
        assertThat(calibratedN.get("upper").asDouble()).isGreaterThanOrEqualTo(bootstrap.get("parametersInterval").get("upper").asDouble());
        double drift = 1;
        for (JsonNode point : getJson("/fits/" + chinchillaId + "/backtest?flops=1e23").get("points")) {
            double ratio = point.get("parametersRatio").get("estimate").asDouble();
            drift = Math.max(drift, Math.max(ratio, 1 / ratio));
        }
        assertThat(calibratedN.get("lower").asDouble()).isLessThanOrEqualTo(n / drift * (1 + 1e-9));
        assertThat(calibratedN.get("upper").asDouble()).isGreaterThanOrEqualTo(n * drift * (1 - 1e-9));
        JsonNode loss = plan.get("predictedLoss");
        assertThat(loss.get("lower").asDouble()).isLessThan(loss.get("estimate").asDouble());
        assertThat(bootstrap.get("predictedLoss").get("estimate").asDouble()).isEqualTo(loss.get("estimate").asDouble());

        JsonNode confidence = created("/plans", "{\"objective\": \"compute-optimal\", \"fitId\": " + chinchillaId
                + ", \"budget\": {\"flops\": 1e23}, \"band\": \"confidence\"}");
        assertThat(confidence.get("band").asString()).isEqualTo("confidence");
        assertThat(confidence.has("bootstrap")).isFalse();
        assertThat(confidence.get("parametersInterval")).isEqualTo(bootstrap.get("parametersInterval"));
        send(post(path("/plans")), "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e23}, "
                + "\"band\": \"widest\"}").andExpect(status().isBadRequest());
    }

    @Test
    void agreementComparesTheTwoPlansAtTheBudgetAndAgreesOnlyWhenEachIntervalHoldsTheOthersEstimate() throws Exception {
        JsonNode agreement = getJson("/agreement?flops=1e22");
        JsonNode plans = agreement.get("plans");
        JsonNode approach2 = plans.get("approach2");
        JsonNode approach3 = plans.get("approach3");
        assertThat(approach3.get("fitId").asLong()).isEqualTo(chinchillaId);
        boolean agree = true;
        for (String quantity : new String[] {"parameters", "tokens", "loss"}) {
            JsonNode x = approach2.get(quantity);
            JsonNode y = approach3.get(quantity);
            agree &= holds(x, y.get("estimate").asDouble()) && holds(y, x.get("estimate").asDouble());
        }
        assertThat(agreement.get("agree").asBoolean()).isEqualTo(agree);
        assertThat(approach3.get("band").asString()).isEqualTo("calibrated");
        assertThat(approach2.get("parameters").get("estimate").asDouble() * approach2.get("tokens").get("estimate").asDouble()
                * 6).isCloseTo(1e22, within(1e16));
        assertThat(agreement.get("note").asString()).startsWith("At C = 1.00e+22 FLOPs the two methods' plans "
                + (agree ? "agree" : "disagree"));
    }

    private static boolean holds(JsonNode interval, double value) {
        return interval.get("lower").asDouble() <= value && value <= interval.get("upper").asDouble();
    }

    static String sweep(long seed) {
        StringBuilder csv = new StringBuilder("parameters,tokens,loss,tag.budget\n");
        Random random = new Random(seed);
        for (int c = 0; c < BUDGETS.length; c++) {
            double optimum = Math.sqrt(BUDGETS[c] / (6 * 20));
            for (int s = 0; s < 9; s++) {
                double n = optimum * Math.pow(4, s / 4.0 - 1);
                double d = BUDGETS[c] / (6 * n);
                double loss = BESIROGLU.loss(n, d)
                        * Math.exp(0.01 * random.nextGaussian());
                csv.append(String.format(Locale.ROOT, "%.6e,%.6e,%.6f,c%d%n", n, d, loss, c));
            }
        }
        return csv.toString();
    }

    private static String path(String suffix) {
        return "/api/v1/projects/" + PROJECT + suffix;
    }

    private ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                               String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private JsonNode created(String suffix, String body) throws Exception {
        return json.readTree(send(post(path(suffix)), body).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
    }

    private JsonNode getJson(String suffix) throws Exception {
        return json.readTree(mvc.perform(get(path(suffix))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }
}
