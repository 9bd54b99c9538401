package dev.scaleplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.scaleplan.runs.RunsApi;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every request-body example of the served document, sent as it stands (what Swagger UI's Try-it-out sends),
 * is accepted by a project set up as the README's: dense runs with a benchmark, routed runs, and their fits.
 */
@IntegrationTest
class RequestBodyExamplesIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyRequestBodyExampleIsAcceptedAsItStands() throws Exception {
        String project = projectWithRunsAndFits();
        JsonNode document = RunsApi.json(mvc.perform(get("/v3/api-docs")).andReturn());
        List<String> sent = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            method.getValue().path("requestBody").path("content").properties().forEach(media ->
                    media.getValue().path("examples").properties().forEach(example -> {
                        JsonNode value = example.getValue().path("value");
                        String body = value.isString() ? value.asString() : value.toString();
                        String uri = path.getKey().replace("{projectId}", project);
                        String name = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " "
                                + media.getKey() + " '" + example.getKey() + "'";
                        assertThat(uri).as(name + ": only {projectId} is filled in here").doesNotContain("{");
                        MvcResult result = send(method.getKey(), uri, media.getKey(), body);
                        sent.add(name);
                        int status = result.getResponse().getStatus();
                        if (status < 200 || status >= 300) {
                            refused.add(name + " → " + status + " " + RunsApi.body(result));
                        }
                    }));
        }));
        assertThat(sent).as("examples found").hasSizeGreaterThanOrEqualTo(10);
        assertThat(refused).as("examples the API refuses").isEmpty();
    }

    private MvcResult send(String method, String uri, String mediaType, String body) {
        try {
            return mvc.perform(request(org.springframework.http.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), uri)
                    .contentType(MediaType.parseMediaType(mediaType)).content(body)).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dense runs (Hoffmann et al.'s law, dataset web-v2, a hellaswag accuracy), routed runs, and their fits. */
    private String projectWithRunsAndFits() throws Exception {
        RunsApi api = new RunsApi(mvc, jdbc);
        String project = api.createProject("examples");
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("parameters,tokens,loss,dataset,experts,totalParameters,tag.sweep,"
                + "metric.hellaswag\n");
        for (double n = 7e7; n <= 1.6e10; n *= 2.2) {
            for (double tokensPerParameter : new double[] {5, 20, 80}) {
                double loss = BESIROGLU.loss(n, n * tokensPerParameter)
                        * Math.exp(0.01 * random.nextGaussian());
                double accuracy = 1 - (0.75 - 2.2 * Math.exp(-0.9 * loss)) + 0.005 * random.nextGaussian();
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,web-v2,1,%s,dense,%s%n", n, n * tokensPerParameter,
                        loss, n, accuracy));
            }
        }
        for (double n = 1.5e7; n <= 1.3e9; n *= 2.4) {
            for (int experts = 1; experts <= 64; experts *= 4) {
                double offset = 1 / (1 / 1.847 - 1 / 314.883);
                double saturated = -Math.log(1 / (experts - 1 + offset) + 1 / 314.883);
                double loss = Math.exp(-0.082 * Math.log(n) - 0.108 * saturated + 0.0039 * Math.log(n) * saturated
                        + 2.542) * Math.exp(0.01 * random.nextGaussian());
                csv.append(String.format(Locale.ROOT, "%s,1.3e11,%s,web-v2,%d,%s,routed,%n", n, loss, experts,
                        n * (1 + 0.33 * (experts - 1))));
            }
        }
        MvcResult upload = api.uploadCsv(project, csv.toString()).andReturn();
        assertThat(upload.getResponse().getStatus()).as(RunsApi.body(upload)).isEqualTo(201);
        fit(project, "{\"form\": \"moe\", \"bootstrap\": 10, \"filter\": {\"tags\": {\"sweep\": \"routed\"}}}");
        fit(project, "{\"form\": \"downstream\", \"metric\": \"hellaswag\", \"shape\": \"exponential\", \"bootstrap\": 10}");
        fit(project, "{\"form\": \"chinchilla\", \"bootstrap\": 10, \"filter\": {\"tags\": {\"sweep\": \"dense\"}}}");
        return project;
    }

    private void fit(String project, String body) throws Exception {
        MvcResult result = send("post", RunsApi.runsPath(project).replace("/runs", "/fits"),
                MediaType.APPLICATION_JSON_VALUE, body);
        assertThat(result.getResponse().getStatus()).as(RunsApi.body(result)).isEqualTo(201);
    }
}
