package dev.scaleplan.crosscheck;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Fits made with {@code bootstrap: 0} have no intervals, a normal state. The
 * agreement, plans of the project and the loss-vs-compute plot answer with null intervals, not 500.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootstrapZeroIT {

    private static final String PROJECT = "/api/v1/projects/no-bootstrap";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    private long chinchilla;

    @BeforeAll
    void fitsWithoutBootstrapDraws() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"no-bootstrap\", \"name\": \"No bootstrap\"}")).andExpect(status().isCreated());
        mvc.perform(post(PROJECT + "/runs").contentType("text/csv").content(CrossCheckIT.sweep("web", 1.0, 3)))
                .andExpect(status().isCreated());
        created("/fits", "{\"form\": \"isoflop\", \"bootstrap\": 0}");
        chinchilla = created("/fits", "{\"form\": \"chinchilla\", \"bootstrap\": 0}").get("id").asLong();
    }

    @Test
    void agreementOfFitsWithoutIntervalsSaysItCannotJudgeThemInsteadOfFailing() throws Exception {
        JsonNode agreement = json.readTree(mvc.perform(get(PROJECT + "/agreement?flops=1e22"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(agreement.get("approach3").get("a").get("estimate").isNumber()).isTrue();
        assertThat(agreement.get("approach3").get("a").get("lower").isNull()).isTrue();
        assertThat(agreement.get("approach3").get("b").get("upper").isNull()).isTrue();
        assertThat(agreement.get("overlap").isNull()).isTrue();
        assertThat(agreement.get("note").asString()).contains("cannot be judged").contains("no interval");
        assertThat(agreement.get("budget").get("approach3").get("parameters").get("lower").isNull()).isTrue();
    }

    @Test
    void plansOfTheProjectAreMadeWithNullIntervals() throws Exception {
        JsonNode plan = created("/plans", "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 1e21}}");
        assertThat(plan.get("parameters").asDouble()).isPositive();
        assertThat(plan.has("agreementNote")).isFalse();
        created("/plans", "{\"objective\": \"compute-optimal\", \"fitId\": " + chinchilla + ", \"budget\": {\"flops\": 1e22}}");
    }

    @Test
    void lossVsComputeOfAFitWithoutIntervalsIsDrawnWithItsPlans() throws Exception {
        created("/plans", "{\"objective\": \"compute-optimal\", \"fitId\": " + chinchilla + ", \"budget\": {\"flops\": 3e21}}");
        String svg = mvc.perform(get(PROJECT + "/fits/" + chinchilla + "/plots/loss-vs-compute"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(svg).contains("no band (fitted without bootstrap draws)").contains("plan ");
    }

    private JsonNode created(String path, String body) throws Exception {
        return json.readTree(mvc.perform(post(PROJECT + path).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
    }
}
