package dev.scaleplan.fits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import dev.scaleplan.fitting.IsoFlopAnalyser;
import dev.scaleplan.fitting.IsoFlopAnalysis;
import dev.scaleplan.fitting.IsoFlopOptions;
import dev.scaleplan.fitting.IsoFlopSweeps;
import dev.scaleplan.fitting.SyntheticRuns;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Fits and plans end to end where they once went wrong: deleted fits, stale and degenerate fits behind
 * plans, honest intervals and warnings, stored documents of the previous version, and summary lists.
 * Runs follow the README's sweep (Besiroglu et al.'s law, 50 runs, 1% noise).
 */
@IntegrationTest
class FitCorrectnessIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FitRepository repository;

    @Test
    void aDeletedFitIsA404AfterItsProjectIsRecreatedAndNoPlanIsA500() throws Exception {
        long fit = projectWithFit("recreated", "{\"form\": \"chinchilla\", \"bootstrap\": 10}");
        ok(get(path("recreated", "/fits/" + fit + "/prediction?flops=1e22")));
        ok(get(path("recreated", "/fits/" + fit)));

        mvc.perform(delete("/api/v1/projects/recreated")).andExpect(status().isNoContent());
        createProject("recreated");

        for (String query : new String[] {"", "/prediction?flops=1e22", "/curve?axis=flops"}) {
            JsonNode problem = send(get(path("recreated", "/fits/" + fit + query)), status().isNotFound());
            assertThat(problem.get("detail").asString()).contains("Fit '" + fit + "' does not exist");
        }
        JsonNode plan = send(post(path("recreated", "/plans")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"compute-optimal\", \"fitId\": " + fit + ", \"budget\": {\"flops\": 1e21}}"),
                status().isNotFound());
        assertThat(plan.get("type").asString()).endsWith("/not-found");
    }

    /** A fit whose project is deleted while it runs meets the foreign key: a 404, not a database error. */
    @Test
    void storingAFitForAVanishedProjectIsA404() throws Exception {
        FitRequest request = json.readValue(fixture("fit-request-v1.json"), FitRequest.class);
        FitDocument document = repository.readDocument(fixture("fit-result-v1.json"), request);

        assertThatThrownBy(() -> repository.insert(new StoredFit.LawFit(
                StoredFit.Header.unsaved("deleted-meanwhile", 1, 10, request), document)))
                .isInstanceOfSatisfying(dev.scaleplan.web.ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(dev.scaleplan.web.ProblemType.NOT_FOUND);
                    assertThat(e.getMessage()).contains("Project 'deleted-meanwhile'");
                });
    }

    /** The same for an IsoFLOP analysis: every kind of fit is stored through one insert with one catch. */
    @Test
    void storingAnIsoFlopAnalysisForAVanishedProjectIsA404() {
        IsoFlopAnalysis analysis = (IsoFlopAnalysis) new IsoFlopAnalyser().analyse(IsoFlopSweeps.sweep(
                SyntheticRuns.BESIROGLU, new double[] {1e18, 1e19, 1e20}, 7, 4, 0.005, 5),
                IsoFlopOptions.defaults().withBootstrap(10));
        FitRequest request = new FitRequest(FitForms.ISOFLOP, null, null, 10, null, null, null, null, null, null);

        assertThatThrownBy(() -> repository.insert(new StoredFit.IsoFlop(
                StoredFit.Header.unsaved("deleted-during-analysis", 1, 10, request), analysis)))
                .isInstanceOfSatisfying(dev.scaleplan.web.ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(dev.scaleplan.web.ProblemType.NOT_FOUND);
                    assertThat(e.getMessage()).contains("Project 'deleted-during-analysis'");
                });
        assertThat(jdbc.sql("SELECT count(*) FROM fit WHERE project_id = 'deleted-during-analysis'")
                .query(Long.class).single()).isZero();
    }

    /**
     * As another replica sees it: the fit's project was deleted (fits go only with their project) and
     * created again under the same id while this replica has the fit parsed.
     */
    @Test
    void aFitGoneWithItsProjectIsNotServedFromTheCache() throws Exception {
        long fit = projectWithFit("replicas", "{\"form\": \"chinchilla\", \"bootstrap\": 10}");
        ok(get(path("replicas", "/fits/" + fit + "/prediction?flops=1e22")));

        jdbc.sql("DELETE FROM project WHERE id = 'replicas'").update();
        send(get(path("replicas", "/fits/" + fit + "/prediction?flops=1e22")), status().isNotFound());
        createProject("replicas");
        upload("replicas", sweep());

        send(get(path("replicas", "/fits/" + fit + "/prediction?flops=1e22")), status().isNotFound());
        send(post(path("replicas", "/plans")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"compute-optimal\", \"fitId\": " + fit + ", \"budget\": {\"flops\": 1e21}}"),
                status().isNotFound());
    }

    @Test
    void aPlanFromAStaleFitSaysSo() throws Exception {
        long fit = projectWithFit("stale", "{\"form\": \"chinchilla\", \"bootstrap\": 10}");
        String request = "{\"objective\": \"compute-optimal\", \"fitId\": " + fit + ", \"budget\": {\"flops\": 1e22}}";
        JsonNode fresh = plan("stale", request);
        assertThat(fresh.get("stale").asBoolean()).isFalse();

        upload("stale", "parameters,tokens,loss\n3e9,6e10,2.2\n");
        JsonNode stale = plan("stale", request);

        assertThat(stale.get("stale").asBoolean()).isTrue();
        assertThat(stale.get("warnings").toString()).contains("Fit " + fit + " is stale");
        assertThat(ok(get(path("stale", "/plans/" + stale.get("id").asLong()))).get("stale").asBoolean()).isTrue();
    }

    @Test
    void withoutBootstrapDrawsThereAreNoIntervalsAndANote() throws Exception {
        long fit = projectWithFit("no-draws", "{\"form\": \"chinchilla\", \"bootstrap\": 0}");

        JsonNode stored = ok(get(path("no-draws", "/fits/" + fit)));
        assertThat(stored.get("parameters").get("E").get("lower").isNull()).isTrue();
        assertThat(stored.get("parameters").get("alpha").get("upper").isNull()).isTrue();
        assertThat(stored.get("bootstrap").get("note").asString()).contains("bootstrap: 0");
        JsonNode confidence = ok(get(path("no-draws", "/fits/" + fit + "/prediction?parameters=1e9&tokens=2e10")));
        assertThat(confidence.get("lower").isNull()).isTrue();
        assertThat(confidence.get("note").asString()).contains("no intervals");
        JsonNode prediction = ok(get(path("no-draws", "/fits/" + fit
                + "/prediction?parameters=1e9&tokens=2e10&band=prediction")));
        assertThat(prediction.get("lower").asDouble()).isLessThan(prediction.get("upper").asDouble());
        JsonNode plan = plan("no-draws", "{\"objective\": \"compute-optimal\", \"fitId\": " + fit
                + ", \"budget\": {\"flops\": 1e22}, \"band\": \"confidence\"}");
        assertThat(plan.get("predictedLoss").get("lower").isNull()).isTrue();
        assertThat(plan.get("warnings").toString()).contains("no bootstrap draws");
        // The calibrated band comes from the backtest, not from draws.
        JsonNode calibrated = plan("no-draws", "{\"objective\": \"compute-optimal\", \"fitId\": " + fit
                + ", \"budget\": {\"flops\": 1e22}}");
        assertThat(calibrated.get("band").asString()).isEqualTo("calibrated");
        assertThat(calibrated.get("predictedLoss").get("lower").asDouble())
                .isLessThan(calibrated.get("predictedLoss").get("upper").asDouble());
    }

    @Test
    void flopsFarFromKTimesNTimesDAreKeptButNamedInTheUploadAndTheFit() throws Exception {
        createProject("unit-slip");
        upload("unit-slip", sweep());
        JsonNode answer = json.readTree(mvc.perform(post(path("unit-slip", "/runs")).contentType(MediaType.APPLICATION_JSON)
                        .content("[{\"externalId\": \"petaflops\", \"parameters\": 1e9, \"tokens\": 2e10, \"loss\": 2.4,"
                                + " \"flops\": 1.2e5},"
                                + " {\"externalId\": \"fine\", \"parameters\": 2e9, \"tokens\": 4e10, \"loss\": 2.3,"
                                + " \"flops\": 5e20}]"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        long slipped = answer.get("ids").get(0).asLong();
        assertThat(answer.get("warnings")).hasSize(1);
        assertThat(answer.get("warnings").get(0).asString()).startsWith("1 run(s) have flops more than 2× away")
                .contains("run " + slipped + " 'petaflops'").doesNotContain("'fine'");

        JsonNode fit = send(post(path("unit-slip", "/fits")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"form\": \"chinchilla\", \"bootstrap\": 10}"), status().isCreated());

        assertThat(fit.get("warnings").toString()).contains("run " + slipped + " 'petaflops'");
        JsonNode plan = plan("unit-slip", "{\"objective\": \"compute-optimal\", \"fitId\": " + fit.get("id").asLong()
                + ", \"budget\": {\"flops\": 1e22}}");
        assertThat(plan.get("warnings").toString()).as("every plan repeats the fit's warnings")
                .contains("run " + slipped + " 'petaflops'");
    }

    /** The degenerate data: every run's token count within 0.4% of the others. */
    @Test
    void runsWhoseTokensBarelyVaryAreA422WithTheSpread() throws Exception {
        createProject("routed");
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            double n = 1e8 * Math.pow(100, i / 19.0);
            double d = 2e10 * (1 + 0.004 * random.nextDouble());
            csv.append(n).append(',').append(d).append(',').append(besiroglu(n, d)).append('\n');
        }
        upload("routed", csv.toString());

        JsonNode problem = send(post(path("routed", "/fits")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"form\": \"chinchilla\"}"), status().is(422));

        assertThat(problem.get("reason").asString()).isEqualTo("not-identifiable");
        assertThat(problem.get("variable").asString()).isEqualTo("D");
        assertThat(problem.get("spread").asDouble()).isBetween(1.0, 1.004);
        assertThat(problem.get("detail").asString()).contains("token count D spans only");
        send(post(path("routed", "/plans")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e21}}"), status().is(422));
    }

    /** A degenerate fit stored before the checks existed (β = 0, E ≈ 0) must not become a plan. */
    @Test
    void aDegenerateFitGivesA422NamingTheFitNotAPlan() throws Exception {
        createProject("degenerate");
        ObjectNode document = (ObjectNode) json.readTree(fixture("fit-result-v1.json"));
        double[] degenerate = {Math.exp(-20), 300, 1e-3, 0.25, 0};
        document.set("estimate", json.valueToTree(degenerate));
        document.set("draws", json.valueToTree(new double[][] {degenerate, degenerate, degenerate}));
        long fit = insertRow("degenerate", document.toString());

        String request = "{\"objective\": \"compute-optimal\", \"fitId\": " + fit + ", \"budget\": {\"flops\": 1e21}";
        JsonNode refused = send(post(path("degenerate", "/plans")).contentType(MediaType.APPLICATION_JSON)
                .content(request + "}"), status().is(422));
        assertThat(refused.get("reason").asString()).isEqualTo("degenerate-plan");
        assertThat(refused.get("detail").asString()).contains("E and beta sit at the bound");
        // Allowing a degenerate plan does not lift the plausibility limits.
        JsonNode problem = send(post(path("degenerate", "/plans")).contentType(MediaType.APPLICATION_JSON)
                .content(request + ", \"allowDegenerate\": true}"), status().is(422));

        assertThat(problem.get("detail").asString()).startsWith("Fit " + fit + " gives no sensible compute-optimal plan")
                .contains("tokens per parameter");
        assertThat(problem.get("fitId").asLong()).isEqualTo(fit);
        assertThat(problem.get("detail").asString()).contains("beta = 0.000 is at the lower bound");
        assertThat(jdbc.sql("SELECT count(*) FROM plan WHERE fit_id = :id").param("id", fit).query(Long.class).single())
                .isZero();
    }

    @Test
    void anImplausiblePlanThatMaxParametersForcedSaysSoNotThatTheFitIsDegenerate() throws Exception {
        long fit = projectWithFit("capped", "{\"form\": \"chinchilla\", \"bootstrap\": 20, \"seed\": 42}");

        JsonNode problem = send(post(path("capped", "/plans")).contentType(MediaType.APPLICATION_JSON).content(
                "{\"objective\": \"compute-optimal\", \"fitId\": " + fit + ", \"budget\": {\"flops\": 1e30}, "
                        + "\"maxParameters\": 1}"), status().is(422));

        assertThat(problem.get("detail").asString()).contains("tokens per parameter", "raise it or lower the budget")
                .doesNotContain("degenerate");
        assertThat(jdbc.sql("SELECT count(*) FROM plan WHERE fit_id = :id").param("id", fit).query(Long.class).single())
                .isZero();
    }

    @Test
    void plansAndPredictionsShareOneExtrapolationAndAlternativesSayWhenTheyLeaveTheFittedRuns() throws Exception {
        long fit = projectWithFit("readme", "{\"form\": \"chinchilla\", \"bootstrap\": 20, \"seed\": 42}");
        JsonNode stored = ok(get(path("readme", "/fits/" + fit)));
        assertThat(stored.get("warnings")).isEmpty();
        assertThat(stored.get("derived").has("optimalTokensPerParameterAtMaxObservedFlops")).isTrue();

        JsonNode plan = plan("readme", "{\"objective\": \"compute-optimal\", \"fitId\": " + fit
                + ", \"budget\": {\"flops\": 5.76e23}}");
        JsonNode prediction = ok(get(path("readme", "/fits/" + fit + "/prediction?flops=5.76e23")));

        assertThat(plan.get("extrapolation").get("ratio").asDouble())
                .isEqualTo(prediction.get("extrapolation").get("computeRatio").asDouble());
        assertThat(plan.get("extrapolation").get("ratio").asDouble()).isBetween(6.0, 6.5);
        // The plan adds what the fit's backtest (made by its calibrated band) says about such a ratio.
        assertThat(plan.get("extrapolation").get("warning").asString())
                .startsWith(prediction.get("extrapolation").get("note").asString() + " On this project a ")
                .startsWith("C = 5.76e+23 is 6.").doesNotContain(" is,");
        assertThat(plan.get("plannedTokensPerParameter").asDouble()).isBetween(10.0, 40.0);
        JsonNode kaplan = null;
        for (JsonNode alternative : plan.get("alternatives")) {
            if (alternative.get("strategy").asString().equals("kaplan-2020")) {
                kaplan = alternative;
            }
        }
        assertThat(kaplan).isNotNull();
        assertThat(kaplan.get("plannedTokensPerParameter").asDouble()).isLessThan(1);
        assertThat(kaplan.get("warnings").get(0).asString()).contains("tokens per parameter is outside the fitted runs'");
    }

    @Test
    void aKaplanPlanBelowTheChinchillaFitsIrreducibleLossSaysSo() throws Exception {
        long chinchilla = projectWithFit("two-laws", "{\"form\": \"chinchilla\", \"bootstrap\": 10}");
        double irreducible = ok(get(path("two-laws", "/fits/" + chinchilla))).get("parameters").get("E").get("estimate")
                .asDouble();
        long kaplan = send(post(path("two-laws", "/fits")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"form\": \"kaplan\", \"bootstrap\": 10}"), status().isCreated()).get("id").asLong();

        // Kaplan's law puts this budget on fewer than 1 token per parameter: a degenerate plan, asked for anyway.
        JsonNode plan = plan("two-laws", "{\"objective\": \"compute-optimal\", \"fitId\": " + kaplan
                + ", \"budget\": {\"flops\": 1e24}, \"allowDegenerate\": true}");

        assertThat(plan.get("warnings").toString()).contains("Degenerate plan, answered because allowDegenerate");
        assertThat(plan.get("predictedLoss").get("estimate").asDouble()).isLessThan(irreducible);
        assertThat(plan.get("warnings").toString()).contains("below the irreducible loss E = ")
                .contains("(fit " + chinchilla + ")");
    }

    @Test
    void aRowWrittenByTheFirstVersionStillReadsPredictsAndPlans() throws Exception {
        createProject("legacy");
        long fit = insertRow("legacy", fixture("fit-result-v1.json"));

        JsonNode stored = ok(get(path("legacy", "/fits/" + fit)));
        assertThat(stored.get("derived").get("optimalTokensPerParameterAtMaxObservedFlops").get("estimate").asDouble())
                .isEqualTo(18.343710349875202);
        assertThat(stored.get("bootstrap").get("requested").asInt()).isEqualTo(3);
        assertThat(ok(get(path("legacy", "/fits"))).get("content").get(0).get("id").asLong()).isEqualTo(fit);
        assertThat(ok(get(path("legacy", "/fits/" + fit + "/prediction?parameters=7e10&tokens=1.4e12")))
                .get("loss").asDouble()).isBetween(1.9, 2.1);
        plan("legacy", "{\"objective\": \"compute-optimal\", \"fitId\": " + fit + ", \"budget\": {\"flops\": 1e22}}");
    }

    /** A row whose draws and residuals cannot be parsed: lists and single answers never touch them. */
    @Test
    void listsAndAnswersAboutFitsNeverReadDrawsOrResiduals() throws Exception {
        createProject("summaries");
        ObjectNode document = (ObjectNode) json.readTree(fixture("fit-result-v1.json"));
        document.put("draws", "not draws");
        document.put("residuals", "not residuals");
        long fit = insertRow("summaries", document.toString());

        assertThat(ok(get(path("summaries", "/fits"))).get("content").get(0).get("id").asLong()).isEqualTo(fit);
        assertThat(ok(get(path("summaries", "/fits/" + fit))).get("runsUsed").asInt()).isEqualTo(15);
        assertThat(ok(get(path("summaries", "/fits/latest"))).get("id").asLong()).isEqualTo(fit);
        assertThat(repository.page("summaries", 0, 10)).singleElement()
                .satisfies(summary -> assertThat(((StoredFit.LawFit) summary).document().draws()).isNull());
        assertThatThrownBy(() -> repository.find("summaries", fit)).as("the whole row does read the draws")
                .isInstanceOf(RuntimeException.class);
    }

    /**
     * What a list sends per fit of 20,000 runs with 1,000 bootstrap draws (556 KB each before lists were trimmed): the
     * summary projection is the same few kilobytes whatever the runs and draws.
     */
    @Test
    void aListRowStaysSmallWhateverTheRunsAndDraws() throws Exception {
        createProject("big-fit");
        ObjectNode document = (ObjectNode) json.readTree(fixture("fit-result-v1.json"));
        double[] residuals = new Random(1).doubles(20_000, -0.01, 0.01).toArray();
        double[][] draws = new double[1000][];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = new double[] {1.8 + i * 1e-5, 500 + i * 1e-2, 2000 + i * 1e-2, 0.35 + i * 1e-6, 0.36 + i * 1e-6};
        }
        document.set("residuals", json.valueToTree(residuals));
        document.set("draws", json.valueToTree(draws));
        long fit = insertRow("big-fit", document.toString());

        long whole = jdbc.sql("SELECT octet_length(result::text) FROM fit WHERE id = :id").param("id", fit)
                .query(Long.class).single();
        long summary = jdbc.sql("SELECT octet_length(" + FitRepository.SUMMARY_DOCUMENT + ") FROM fit WHERE id = :id")
                .param("id", fit).query(Long.class).single();
        System.out.printf("A fit of 20,000 runs and 1,000 draws: whole row %,d bytes, list summary %,d bytes%n", whole,
                summary);

        assertThat(whole).isGreaterThan(400_000);
        assertThat(summary).isLessThan(5_000);
        assertThat(ok(get(path("big-fit", "/fits?size=10"))).get("content").get(0).get("runsUsed").asInt()).isEqualTo(15);
    }

    private long insertRow(String project, String result) throws IOException {
        return jdbc.sql("""
                        INSERT INTO fit (project_id, form, data_revision, objective, runs_used, duration_ms, request, result)
                        VALUES (:project, 'chinchilla', 0, 0.0001, 15, 100, CAST(:request AS jsonb), CAST(:result AS jsonb))
                        RETURNING id""")
                .param("project", project).param("request", fixture("fit-request-v1.json")).param("result", result)
                .query(Long.class).single();
    }

    private long projectWithFit(String project, String fitRequest) throws Exception {
        createProject(project);
        upload(project, sweep());
        return send(post(path(project, "/fits")).contentType(MediaType.APPLICATION_JSON).content(fitRequest),
                status().isCreated()).get("id").asLong();
    }

    private void createProject(String id) throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"" + id + "\", \"name\": \"" + id + "\"}")).andExpect(status().isCreated());
    }

    private void upload(String project, String csv) throws Exception {
        mvc.perform(post(path(project, "/runs")).contentType("text/csv").content(csv)).andExpect(status().isCreated());
    }

    /** The README's sweep: N from 7e7 by ×1.8, 5 to 80 tokens per parameter. */
    private static String sweep() {
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        Random random = new Random(7);
        for (double n = 7e7; n <= 1.6e10; n *= 1.8) {
            for (double ratio = 5; ratio <= 80; ratio *= 2) {
                double d = n * ratio;
                csv.append(n).append(',').append(d).append(',')
                        .append(besiroglu(n, d) * Math.exp(0.01 * random.nextGaussian())).append('\n');
            }
        }
        return csv.toString();
    }

    private static double besiroglu(double n, double d) {
        return BESIROGLU.loss(n, d);
    }

    private JsonNode plan(String project, String request) throws Exception {
        return send(post(path(project, "/plans")).contentType(MediaType.APPLICATION_JSON).content(request),
                status().isCreated());
    }

    private JsonNode ok(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return send(request, status().isOk());
    }

    private JsonNode send(org.springframework.test.web.servlet.RequestBuilder request, ResultMatcher expected)
            throws Exception {
        String body = mvc.perform(request).andExpect(expected).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private static String path(String project, String rest) {
        return "/api/v1/projects/" + project + rest;
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = FitCorrectnessIT.class.getResourceAsStream("/fits/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
