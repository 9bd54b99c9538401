package dev.scaleplan.plans;

import dev.scaleplan.web.ApiEstimate;
import java.util.List;

import dev.scaleplan.support.IntegrationTest;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A plan whose fit or project disappears between the check and the insert (another request, another
 * replica) meets the foreign keys: that is the 404 it means, never a database error as a 500.
 */
@IntegrationTest
class PlanStorageIT {

    @Autowired
    PlanRepository plans;

    @Autowired
    MockMvc mvc;

    @Test
    void aPlanWhoseFitOrProjectVanishedIsA404() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"vanished\", \"name\": \"Vanished\"}")).andExpect(status().isCreated());
        PlanRequest request = new PlanRequest(987654321L, "compute-optimal",
                new PlanRequest.Budget(1.2e20, null, null, null, null, null), null, null, null, null, null, null, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> plans.insert("vanished", 987654321L, request, plan("vanished"), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND);
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("Fit '987654321'");
                });
        assertThatThrownBy(() -> plans.insert("never-created", 987654321L, request, plan("never-created"), null))
                .isInstanceOfSatisfying(ApiException.class, e ->
                        org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("Project 'never-created'"));
    }

    private static Plan plan(String project) {
        return new Plan(project, 987654321L, "chinchilla", "compute-optimal", new Plan.Allocation(1e9, 2e10, 1.2e20, 20),
                new Plan.Uncertainty(new ApiEstimate(2.0, null, null), null, null, 0.9, new PlanResponse.Draws(0, 0),
                        "confidence", null),
                Plan.Spend.of(null), null, null, null, null, new PlanResponse.Extrapolation(1, null), List.of(), null,
                Plan.Routed.NONE, false, List.of(), null, null, null);
    }
}
