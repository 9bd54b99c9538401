package dev.scaleplan.fits;

import java.util.Locale;
import java.util.Random;

import dev.scaleplan.runs.RunsApi;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

import static dev.scaleplan.runs.RunsApi.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Task chains over HTTP on the real PostgreSQL: a ladder whose checkpoints carry a task's bits-per-byte
 * ({@code bpb_arc}, a Chinchilla law in N and D) and accuracy ({@code acc_arc}, a sigmoid of it), an
 * accuracy of the loss ({@code acc_hs}), a chance-level task, and a project aggregate; law fits of a
 * target, downstream fits from a metric, chained predictions with pinned fits, and target-metric plans.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainsIT {

    static final double N = 1e10;
    static final double D = 2e11;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private RunsApi api;

    private String project;
    private long lossFit;
    private long bpbFit;
    private long accFit;
    private long hsFit;

    static double loss(double n, double d) {
        return 1.8172 + 482.01 / Math.pow(n, 0.3478) + 2085.43 / Math.pow(d, 0.3658);
    }

    static double bpb(double n, double d) {
        return 0.6 + 60 / Math.pow(n, 0.3) + 200 / Math.pow(d, 0.3);
    }

    static double sigmoid(double x, double midpoint, double steepness) {
        return 0.25 + 0.65 / (1 + Math.exp(steepness * (x - midpoint)));
    }

    @BeforeAll
    void uploadLadderAndFit() throws Exception {
        api = new RunsApi(mvc, jdbc);
        project = api.createProject("chains");
        Random random = new Random(7);
        StringBuilder runs = new StringBuilder("[");
        for (double n : new double[] {2e7, 6e7, 1.5e8, 4e8, 1e9}) {
            for (double ratio : new double[] {5, 10, 20, 40, 80}) {
                for (double share : new double[] {0.25, 0.5, 0.75, 1}) {
                    double d = n * ratio * share;
                    double l = loss(n, d) * Math.exp(0.01 * random.nextGaussian());
                    double b = bpb(n, d) * Math.exp(0.01 * random.nextGaussian());
                    runs.append(runs.length() > 1 ? "," : "").append(String.format(Locale.ROOT,
                            "{\"parameters\": %s, \"tokens\": %s, \"loss\": %s, \"tags\": {\"stage\": \"%s\"}, "
                                    + "\"metrics\": {\"bpb_arc\": %s, \"acc_arc\": %s, \"acc_hs\": %s, "
                                    + "\"acc_chance\": %s, \"delta\": %s}}", n, d, l, share == 1 ? "final" : "checkpoint",
                            b, sigmoid(b, 1.1, 6) + 0.01 * random.nextGaussian(),
                            sigmoid(l, 2.6, 5) + 0.01 * random.nextGaussian(), 0.25 + 0.01 * random.nextGaussian(),
                            random.nextGaussian()));
                }
            }
        }
        // A final run evaluated without the task: left out of the task's law fit.
        runs.append(",{\"parameters\": 3e8, \"tokens\": 6e9, \"loss\": ").append(loss(3e8, 6e9))
                .append(", \"tags\": {\"stage\": \"final\"}, \"metrics\": {\"acc_hs\": 0.5}}]");
        api.uploadJson(project, runs.toString()).andExpect(
                org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated());
        lossFit = created(fit("{\"form\": \"chinchilla\", \"bootstrap\": 40, \"seed\": 1, \"holdout\": 0, "
                + "\"filter\": {\"tags\": {\"stage\": \"final\"}}}")).get("id").asLong();
        bpbFit = created(fit(bpbFitRequest(1))).get("id").asLong();
        accFit = created(fit("{\"form\": \"downstream\", \"metric\": \"acc_arc\", \"from\": \"bpb_arc\", "
                + "\"shape\": \"sigmoid\", \"bootstrap\": 60}")).get("id").asLong();
        hsFit = created(fit("{\"form\": \"downstream\", \"metric\": \"acc_hs\", \"shape\": \"sigmoid\", "
                + "\"bootstrap\": 60}")).get("id").asLong();
    }

    private static String bpbFitRequest(long seed) {
        return "{\"form\": \"chinchilla\", \"target\": \"bpb_arc\", \"bootstrap\": 40, \"seed\": " + seed
                + ", \"holdout\": 0, \"filter\": {\"tags\": {\"stage\": \"final\"}}}";
    }

    @Test
    void aLawFitOfATargetAnswersAndStoresItAndSaysWhichRunsLackIt() throws Exception {
        JsonNode fit = api.getJson(fits() + "/" + bpbFit);
        assertThat(fit.get("target").asString()).isEqualTo("bpb_arc");
        assertThat(fit.get("runsUsed").asInt()).isEqualTo(25);
        assertThat(fit.get("parameters").get("E").get("estimate").asDouble()).isCloseTo(0.6, within(0.15));
        assertThat(fit.get("warnings").toString()).contains("1 run(s) the filter selects lack 'bpb_arc'");
        assertThat(jdbc.sql("SELECT request ->> 'target' FROM fit WHERE id = :id").param("id", bpbFit)
                .query(String.class).single()).isEqualTo("bpb_arc");

        JsonNode prediction = api.getJson(fits() + "/" + bpbFit + "/prediction?parameters=1e10&tokens=2e11&band=confidence");
        assertThat(prediction.get("target").asString()).isEqualTo("bpb_arc");
        assertThat(prediction.get("loss").asDouble()).isCloseTo(bpb(N, D), within(0.03));
        assertThat(api.getJson(fits() + "/" + bpbFit + "/curve?points=3").get("target").asString()).isEqualTo("bpb_arc");
        assertThat(api.getJson(fits() + "/" + lossFit).has("target")).isFalse();

        // The backtest refits the target: its cut-off refits predict the task's loss of the larger runs closely
        // (were they compared with the runs' loss, the error would be near 100%).
        JsonNode backtest = api.getJson(fits() + "/" + bpbFit + "/backtest");
        assertThat(backtest.get("points").size()).isPositive();
        for (JsonNode point : backtest.get("points")) {
            assertThat(point.get("meanRelativeError").asDouble()).isLessThan(0.05);
        }
    }

    @Test
    void aTargetWithValuesAtOrBelowZeroIsRefusedNamingItAndNothingIsStored() throws Exception {
        long before = fitCount();
        MvcResult refused = fit("{\"form\": \"chinchilla\", \"target\": \"delta\", \"bootstrap\": 0}");
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        JsonNode problem = RunsApi.json(refused);
        assertThat(problem.get("detail").asString()).contains("'delta'").contains("at or below 0");
        assertThat(problem.get("target").asString()).isEqualTo("delta");
        assertThat(fit("{\"form\": \"chinchilla\", \"target\": \"nope\"}").getResponse().getStatus()).isEqualTo(404);
        MvcResult misplaced = fit("{\"form\": \"downstream\", \"metric\": \"acc_arc\", \"shape\": \"sigmoid\", "
                + "\"target\": \"bpb_arc\"}");
        assertThat(misplaced.getResponse().getStatus()).isEqualTo(400);
        assertThat(RunsApi.body(misplaced)).contains("target");
        assertThat(fit("{\"form\": \"chinchilla\", \"from\": \"bpb_arc\"}").getResponse().getStatus()).isEqualTo(400);
        assertThat(fitCount()).isEqualTo(before);
    }

    @Test
    void aDownstreamFitFromAMetricAnswersAndStoresItsPredictor() throws Exception {
        JsonNode fit = api.getJson(fits() + "/" + accFit);
        assertThat(fit.get("from").asString()).isEqualTo("bpb_arc");
        assertThat(fit.get("metric").asString()).isEqualTo("acc_arc");
        assertThat(fit.get("runsUsed").asInt()).isEqualTo(100);
        assertThat(fit.get("parameters").get("midpoint").get("estimate").asDouble()).isCloseTo(1.1, within(0.1));
    }

    @Test
    void aChainedPredictionFollowsTheTaskLawAndNamesTheFitsItChained() throws Exception {
        JsonNode confidence = api.getJson(fits() + "/" + lossFit
                + "/prediction?parameters=1e10&tokens=2e11&metrics=acc_arc,acc_hs&band=confidence").get("metrics");
        JsonNode arc = confidence.get("acc_arc");
        assertThat(arc.get("estimate").asDouble()).isCloseTo(sigmoid(bpb(N, D), 1.1, 6), within(0.03));
        assertThat(arc.get("chain").get(0).get("fitId").asLong()).isEqualTo(accFit);
        assertThat(arc.get("chain").get(0).get("from").asString()).isEqualTo("bpb_arc");
        assertThat(arc.get("chain").get(1).get("fitId").asLong()).isEqualTo(jdbc.sql("SELECT max(id) FROM fit WHERE "
                + "project_id = :p AND request ->> 'target' = 'bpb_arc'").param("p", project).query(Long.class).single());
        assertThat(arc.get("chain").get(1).get("target").asString()).isEqualTo("bpb_arc");
        // A metric of the loss chains through the asked fit itself, as before.
        JsonNode hs = confidence.get("acc_hs");
        assertThat(hs.get("chain").get(0).get("from").asString()).isEqualTo("loss");
        assertThat(hs.get("chain").get(1).get("fitId").asLong()).isEqualTo(lossFit);

        JsonNode prediction = api.getJson(fits() + "/" + lossFit
                + "/prediction?parameters=1e10&tokens=2e11&metrics=acc_arc&band=prediction").get("metrics").get("acc_arc");
        assertThat(prediction.get("upper").asDouble() - prediction.get("lower").asDouble())
                .isGreaterThan(arc.get("upper").asDouble() - arc.get("lower").asDouble());
        JsonNode calibrated = api.getJson(fits() + "/" + lossFit
                + "/prediction?parameters=1e10&tokens=2e11&metrics=acc_arc&band=calibrated");
        JsonNode calibratedArc = calibrated.get("metrics").get("acc_arc");
        assertThat(calibratedArc.get("lower").asDouble()).isLessThan(calibratedArc.get("estimate").asDouble());
        assertThat(calibratedArc.get("chain")).hasSize(2);
    }

    @Test
    void metricFitsPinsAStepOfTheChainAndRefusesFitsOfNoChain() throws Exception {
        long newer = created(fit(bpbFitRequest(2))).get("id").asLong();
        String path = fits() + "/" + lossFit + "/prediction?parameters=1e10&tokens=2e11&metrics=acc_arc&band=confidence";
        assertThat(api.getJson(path).get("metrics").get("acc_arc").get("chain").get(1).get("fitId").asLong())
                .isEqualTo(newer);
        assertThat(api.getJson(path + "&metricFits=" + bpbFit).get("metrics").get("acc_arc").get("chain").get(1)
                .get("fitId").asLong()).isEqualTo(bpbFit);

        MvcResult lossLaw = mvc.perform(get(path + "&metricFits=" + lossFit)).andReturn();
        assertThat(lossLaw.getResponse().getStatus()).isEqualTo(400);
        assertThat(RunsApi.body(lossLaw)).contains("metricFits").contains("of the loss");
        MvcResult unused = mvc.perform(get(path + "&metricFits=" + hsFit)).andReturn();
        assertThat(unused.getResponse().getStatus()).as(RunsApi.body(unused)).isIn(400);
        assertThat(RunsApi.body(unused)).contains("chain of no asked-for metric");
    }

    @Test
    void aMissingLinkOrAChanceLevelTaskIsRefusedInWords() throws Exception {
        created(fit("{\"form\": \"downstream\", \"metric\": \"acc_hs\", \"from\": \"acc_arc\", \"shape\": \"sigmoid\", "
                + "\"bootstrap\": 10, \"filter\": {\"tags\": {\"stage\": \"checkpoint\"}}}"));
        MvcResult missing = mvc.perform(get(fits() + "/" + lossFit
                + "/prediction?parameters=1e10&tokens=2e11&metrics=acc_hs")).andReturn();
        assertThat(missing.getResponse().getStatus()).isEqualTo(422);
        assertThat(RunsApi.json(missing).get("detail").asString()).contains("no law fit has target 'acc_arc'");
        assertThat(RunsApi.json(missing).get("missing").asString()).isEqualTo("acc_arc");
        // Restore acc_hs from the loss for the other tests.
        created(fit("{\"form\": \"downstream\", \"metric\": \"acc_hs\", \"shape\": \"sigmoid\", \"bootstrap\": 60}"));

        MvcResult chanceFit = fit("{\"form\": \"downstream\", \"metric\": \"acc_chance\", \"from\": \"bpb_arc\", "
                + "\"shape\": \"sigmoid\"}");
        assertThat(chanceFit.getResponse().getStatus()).isEqualTo(422);
        assertThat(RunsApi.json(chanceFit).get("reason").asString()).isEqualTo("no-relation");
        assertThat(RunsApi.json(chanceFit).get("detail").asString()).contains("no relation to 'bpb_arc'");
        MvcResult chance = mvc.perform(get(fits() + "/" + lossFit
                + "/prediction?parameters=1e10&tokens=2e11&metrics=acc_chance")).andReturn();
        assertThat(chance.getResponse().getStatus()).isEqualTo(422);
        assertThat(RunsApi.json(chance).get("detail").asString()).contains("chance level");
    }

    @Test
    void aMetricNameOutsideTheNamingRuleIsA400NamingMetrics() throws Exception {
        // A NUL reached PostgreSQL and answered 500; a space can name no run's metric.
        for (String metrics : new String[] {"acc%00arc", "acc%20arc", "acc_arc," + "x".repeat(65)}) {
            MvcResult result = mvc.perform(get(java.net.URI.create(fits() + "/" + lossFit
                    + "/prediction?parameters=1e10&tokens=2e11&metrics=" + metrics))).andReturn();
            assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isEqualTo(400);
            assertThat(RunsApi.json(result).get("errors").get(0).get("field").asString()).isEqualTo("metrics");
            assertThat(RunsApi.json(result).get("detail").asString()).contains("[A-Za-z0-9_.:-]{1,64}");
        }
    }

    @Test
    void aCurveRefusesFixedOnTheFlopsAxisAndOutsideItsRange() throws Exception {
        for (String query : new String[] {"axis=flops&fixed=1e11", "axis=flops&fixed=-1", "axis=parameters&fixed=1e-320",
                "axis=tokens&fixed=1e41"}) {
            MvcResult result = mvc.perform(get(fits() + "/" + lossFit + "/curve?points=3&" + query)).andReturn();
            assertThat(result.getResponse().getStatus()).as(query + ": " + RunsApi.body(result)).isEqualTo(400);
            assertThat(RunsApi.json(result).get("errors").get(0).get("field").asString()).isEqualTo("fixed");
        }
        mvc.perform(get(fits() + "/" + lossFit + "/curve?points=3&axis=parameters&fixed=1e11"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
    }

    @Test
    void aggregatesAreDeclaredOnTheProjectAndUsableAsAMetric() throws Exception {
        long revision = api.getJson("/api/v1/projects/" + project).get("dataRevision").asLong();
        MvcResult invalid = mvc.perform(patch("/api/v1/projects/" + project).contentType(MediaType.APPLICATION_JSON)
                .content("{\"aggregates\": {\"loss\": [\"acc_arc\"]}}")).andReturn();
        assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
        assertThat(RunsApi.body(invalid)).contains("aggregates");
        MvcResult updated = mvc.perform(patch("/api/v1/projects/" + project).contentType(MediaType.APPLICATION_JSON)
                .content("{\"aggregates\": {\"core\": [\"acc_arc\", \"acc_hs\"]}}")).andReturn();
        assertThat(updated.getResponse().getStatus()).as(RunsApi.body(updated)).isEqualTo(200);
        JsonNode stored = api.getJson("/api/v1/projects/" + project);
        assertThat(stored.get("aggregates").get("core").toString()).isEqualTo("[\"acc_arc\",\"acc_hs\"]");
        assertThat(stored.get("dataRevision").asLong()).isEqualTo(revision + 1);

        JsonNode core = created(fit("{\"form\": \"downstream\", \"metric\": \"core\", \"shape\": \"sigmoid\", "
                + "\"bootstrap\": 40}"));
        // 101 runs carry acc_hs, 100 also acc_arc: the mean exists for those 100.
        assertThat(core.get("runsUsed").asInt()).isEqualTo(100);
        JsonNode predicted = api.getJson(fits() + "/" + lossFit
                + "/prediction?parameters=1e9&tokens=2e10&metrics=core&band=confidence").get("metrics").get("core");
        double truth = (sigmoid(bpb(1e9, 2e10), 1.1, 6) + sigmoid(loss(1e9, 2e10), 2.6, 5)) / 2;
        assertThat(predicted.get("estimate").asDouble()).isCloseTo(truth, within(0.04));
        assertThat(predicted.get("chain").get(0).get("metric").asString()).isEqualTo("core");

        String created = RunsApi.uniqueId("agg");
        MvcResult withAggregates = mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"" + created + "\", \"name\": \"A\", \"aggregates\": {\"mean\": [\"a\", \"b\"]}}"))
                .andReturn();
        assertThat(withAggregates.getResponse().getStatus()).isEqualTo(201);
        assertThat(RunsApi.json(withAggregates).get("aggregates").get("mean").size()).isEqualTo(2);
    }

    @Test
    void aTargetMetricPlanFindsTheLeastComputeThroughTheChainAndIsStored() throws Exception {
        MvcResult result = plan("{\"objective\": \"target-metric\", \"targetMetric\": {\"name\": \"acc_arc\", "
                + "\"value\": 0.8}, \"band\": \"confidence\", \"metricFits\": [" + bpbFit + "]}");
        assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isEqualTo(201);
        JsonNode plan = RunsApi.json(result);
        assertThat(plan.get("objective").asString()).isEqualTo("target-metric");
        assertThat(plan.get("fitId").asLong()).isEqualTo(bpbFit);
        assertThat(plan.get("target").asString()).isEqualTo("bpb_arc");
        JsonNode target = plan.get("targetMetric");
        assertThat(target.get("from").asString()).isEqualTo("bpb_arc");
        assertThat(target.get("flops").get("estimate").asDouble())
                .isCloseTo(plan.get("flops").asDouble(), org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(target.get("flops").get("lower").asDouble()).isLessThan(plan.get("flops").asDouble());
        assertThat(target.get("flops").get("upper").asDouble()).isGreaterThan(plan.get("flops").asDouble());
        assertThat(target.get("chain").get(0).get("fitId").asLong()).isEqualTo(accFit);
        double reached = sigmoid(bpb(plan.get("parameters").asDouble(), plan.get("tokens").asDouble()), 1.1, 6);
        assertThat(reached).isCloseTo(0.8, within(0.03));
        assertThat(plan.get("metrics").get("acc_arc").get("estimate").asDouble()).isCloseTo(0.8, within(0.005));

        assertThat(target.get("band").asString()).isEqualTo("confidence");
        JsonNode stored = api.getJson("/api/v1/projects/" + project + "/plans/" + plan.get("id").asLong());
        assertThat(stored.get("targetMetric")).isEqualTo(target);

        // The default band adds the task law's extrapolation error from its backtest: a wider compute interval.
        MvcResult calibrated = plan("{\"objective\": \"target-metric\", \"targetMetric\": {\"name\": \"acc_arc\", "
                + "\"value\": 0.8}, \"metricFits\": [" + bpbFit + "]}");
        assertThat(calibrated.getResponse().getStatus()).as(RunsApi.body(calibrated)).isEqualTo(201);
        JsonNode widened = RunsApi.json(calibrated).get("targetMetric");
        assertThat(widened.get("band").asString()).isEqualTo("calibrated");
        assertThat(widened.get("flops").get("upper").asDouble() / widened.get("flops").get("lower").asDouble())
                .isGreaterThan(target.get("flops").get("upper").asDouble() / target.get("flops").get("lower").asDouble());
        assertThat(jdbc.sql("SELECT objective FROM plan WHERE id = :id").param("id", plan.get("id").asLong())
                .query(String.class).single()).isEqualTo("target-metric");
    }

    @Test
    void aTargetMetricBeyondTheSigmoidOrWithoutItsFieldsIsRefusedInWords() throws Exception {
        MvcResult ceiling = plan("{\"objective\": \"target-metric\", \"targetMetric\": {\"name\": \"acc_arc\", "
                + "\"value\": 0.97}}");
        assertThat(ceiling.getResponse().getStatus()).isEqualTo(422);
        JsonNode problem = RunsApi.json(ceiling);
        assertThat(problem.get("type").asString()).endsWith("unreachable");
        assertThat(problem.get("detail").asString()).contains("ceiling").contains("acc_arc");
        assertThat(problem.get("downstreamFitId").asLong()).isEqualTo(accFit);
        MvcResult floor = plan("{\"objective\": \"target-metric\", \"targetMetric\": {\"name\": \"acc_arc\", "
                + "\"value\": 0.1}}");
        assertThat(RunsApi.json(floor).get("detail").asString()).contains("floor");

        MvcResult missing = plan("{\"objective\": \"target-metric\"}");
        assertThat(missing.getResponse().getStatus()).isEqualTo(400);
        assertThat(RunsApi.body(missing)).contains("targetMetric");
        MvcResult misplaced = plan("{\"objective\": \"target-loss\", \"targetLoss\": 2.5, \"targetMetric\": "
                + "{\"name\": \"acc_arc\", \"value\": 0.6}}");
        assertThat(misplaced.getResponse().getStatus()).isEqualTo(400);
        MvcResult chance = plan("{\"objective\": \"target-metric\", \"targetMetric\": {\"name\": \"acc_chance\", "
                + "\"value\": 0.5}}");
        assertThat(chance.getResponse().getStatus()).isEqualTo(422);
        assertThat(RunsApi.json(chance).get("detail").asString()).contains("chance level");
    }

    @Test
    void theChainsTwoStepsArePlottedWithTheirRuns() throws Exception {
        String law = svg(fits() + "/" + bpbFit + "/plots/loss-vs-compute");
        assertThat(runGroups(law)).isEqualTo(25);
        assertThat(law).contains("chinchilla fit " + bpbFit + " of bpb_arc").contains("Final bpb_arc");
        String downstream = svg(fits() + "/" + accFit + "/plots/downstream");
        assertThat(runGroups(downstream)).isEqualTo(100);
        assertThat(downstream).contains("downstream fit " + accFit + " of acc_arc").contains("bpb_arc");
        MvcResult wrongKind = mvc.perform(get(fits() + "/" + accFit + "/plots/residuals")).andReturn();
        assertThat(wrongKind.getResponse().getStatus()).isEqualTo(422);
        assertThat(mvc.perform(get(fits() + "/" + bpbFit + "/plots/downstream")).andReturn().getResponse().getStatus())
                .isEqualTo(422);
    }

    private String svg(String path) throws Exception {
        MvcResult result = mvc.perform(get(path)).andReturn();
        assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).startsWith("image/svg+xml");
        return RunsApi.body(result);
    }

    private static int runGroups(String svg) {
        return (int) java.util.regex.Pattern.compile("class=[\"']run[\"']").matcher(svg).results().count();
    }

    private long fitCount() {
        return jdbc.sql("SELECT count(*) FROM fit WHERE project_id = :p").param("p", project).query(Long.class).single();
    }

    private String fits() {
        return "/api/v1/projects/" + project + "/fits";
    }

    private MvcResult fit(String body) throws Exception {
        return mvc.perform(post(fits()).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
    }

    private MvcResult plan(String body) throws Exception {
        return mvc.perform(post("/api/v1/projects/" + project + "/plans").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn();
    }
}
