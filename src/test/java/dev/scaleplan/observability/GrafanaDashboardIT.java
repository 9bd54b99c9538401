package dev.scaleplan.observability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every metric the Grafana dashboard beside docker-compose.yml queries is exported at
 * /actuator/prometheus once the service has ingested, fitted and planned.
 */
@IntegrationTest
class GrafanaDashboardIT {

    private static final Path DASHBOARD = Path.of("grafana/dashboards/scaleplan.json");
    /** PromQL words that are not metric names. */
    private static final Set<String> PROMQL = Set.of("sum", "rate", "irate", "increase", "avg", "max", "min", "count",
            "by", "without", "histogram_quantile", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "offset", "bool", "topk", "bottomk", "clamp_min", "clamp_max", "abs", "delta", "deriv");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void everyQueriedMetricIsExported() throws Exception {
        exerciseIngestFitAndPlan();
        Set<String> queried = metricsOf(json.readTree(Files.readString(DASHBOARD)));
        assertThat(queried).contains("scaleplan_runs_ingested_total", "http_server_requests_seconds_count");
        String exported = mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Set<String> names = new TreeSet<>();
        for (String line : exported.split("\n")) {
            Matcher name = IDENTIFIER.matcher(line);
            if (!line.startsWith("#") && name.lookingAt()) {
                names.add(name.group());
            }
        }
        List<String> missing = queried.stream().filter(metric -> !names.contains(metric)).toList();
        assertThat(missing).as("metrics the dashboard queries but /actuator/prometheus does not export").isEmpty();
    }

    private void exerciseIngestFitAndPlan() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"dashboard-it\", \"name\": \"Dashboard\"}")).andExpect(status().isCreated());
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        for (double n = 1e8; n <= 3e9; n *= 2) {
            for (double ratio : new double[] {5, 20, 80}) {
                double d = n * ratio;
                csv.append(n).append(',').append(d).append(',')
                        .append(BESIROGLU.loss(n, d)).append('\n');
            }
        }
        mvc.perform(post("/api/v1/projects/dashboard-it/runs").contentType("text/csv").content(csv.toString()))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/dashboard-it/fits").contentType(MediaType.APPLICATION_JSON)
                .content("{\"form\": \"chinchilla\", \"bootstrap\": 5}")).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/dashboard-it/plans").contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e21}}")).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/projects/dashboard-it/plans").contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"target-loss\", \"targetLoss\": 0.5}")).andExpect(status().is(422));
    }

    /** Metric names in every panel's PromQL: identifiers outside label matchers, ranges, groupings and strings. */
    static Set<String> metricsOf(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asString()));
        Set<String> metrics = new TreeSet<>();
        for (String expr : expressions) {
            String bare = expr.replaceAll("\"[^\"]*\"", "").replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "")
                    .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "");
            Matcher word = IDENTIFIER.matcher(bare);
            while (word.find()) {
                String name = word.group();
                if (!PROMQL.contains(name) && !Character.isDigit(name.charAt(0))) {
                    metrics.add(name);
                }
            }
        }
        return metrics;
    }
}
