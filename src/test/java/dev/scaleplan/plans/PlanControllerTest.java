package dev.scaleplan.plans;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.scaleplan.support.ApiSliceTest;
import dev.scaleplan.web.AnswerPending;
import dev.scaleplan.web.ApiEstimate;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@ApiSliceTest(PlanController.class)
class PlanControllerTest {

    private static final String PLANS = "/api/v1/projects/llm-scaling/plans";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PlanService service;

    @MockitoBean
    PlanPlotService plots;

    private static final String BUDGET = "{\"objective\": \"compute-optimal\", \"budget\": {\"flops\": 5.76e23}}";

    private static PlanResponse plan7() {
        Plan plan = new Plan("llm-scaling", 12, "chinchilla", "compute-optimal",
                new Plan.Allocation(7.2e10, 1.33e12, 5.76e23, 18.4),
                new Plan.Uncertainty(new ApiEstimate(1.93, 1.9, 1.96), null, null, 0.9, new PlanResponse.Draws(200, 200),
                        "confidence", null),
                Plan.Spend.of(null), null, null, null, null, new PlanResponse.Extrapolation(1, null), List.of(), null,
                Plan.Routed.NONE, false, List.of(), null, null, null);
        return new PlanResponse(7, plan, Instant.parse("2026-12-05T11:00:00Z"));
    }

    @Test
    void aPlanIs201WithItsLocationAndEveryFieldAtTheTopLevel() throws Exception {
        when(service.create(eq("llm-scaling"), any())).thenReturn(plan7());

        mvc.perform(post(PLANS).contentType(MediaType.APPLICATION_JSON).content(BUDGET))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", PLANS + "/7"))
                .andExpect(jsonPath("$.id").value(7))
                .andExpect(jsonPath("$.parameters").value(7.2e10))
                .andExpect(jsonPath("$.plannedTokensPerParameter").value(18.4))
                .andExpect(jsonPath("$.predictedLoss.estimate").value(1.93))
                .andExpect(jsonPath("$.band").value("confidence"))
                .andExpect(jsonPath("$.createdAt").value("2026-12-05T11:00:00Z"))
                .andExpect(jsonPath("$.plan").doesNotExist())
                .andExpect(jsonPath("$.allocation").doesNotExist())
                .andExpect(jsonPath("$.moe").doesNotExist());
    }

    @Test
    void aQuestionWithoutObjectiveOrWithANegativeBudgetIsA400NamingTheFields() throws Exception {
        mvc.perform(post(PLANS).contentType(MediaType.APPLICATION_JSON).content("{\"budget\": {\"flops\": -1}}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type", endsWith("validation")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("objective")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("budget/flops")));
        verifyNoInteractions(service);
    }

    @Test
    void anUnreachableTargetIs422() throws Exception {
        when(service.create(eq("llm-scaling"), any())).thenThrow(new ApiException(ProblemType.UNREACHABLE,
                "The target loss 1.5 is at or below the irreducible loss E = 1.69"));

        mvc.perform(post(PLANS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"objective\": \"target-loss\", \"targetLoss\": 1.5}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type", endsWith("unreachable")));
    }

    @Test
    void anUnknownPlanIsA404() throws Exception {
        when(service.get("llm-scaling", 5)).thenThrow(ApiException.notFound("Plan", 5));

        mvc.perform(get(PLANS + "/5"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Plan '5' does not exist"));
    }

    @Test
    void aPlanWaitingForWorkElsewhereHoldsNoThreadAndIsAnsweredFromTheSameRequestWhenItIsReady() throws Exception {
        CompletableFuture<Void> backtest = new CompletableFuture<>();
        when(service.create(eq("llm-scaling"), any()))
                .thenThrow(new AnswerPending(backtest, Duration.ofSeconds(30))).thenReturn(plan7());

        MvcResult parked = mvc.perform(post(PLANS).contentType(MediaType.APPLICATION_JSON).content(BUDGET))
                .andExpect(request().asyncStarted()).andReturn();
        backtest.complete(null);
        mvc.perform(asyncDispatch(parked))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", PLANS + "/7"))
                .andExpect(jsonPath("$.id").value(7));
        verify(service, times(2)).create(eq("llm-scaling"),
                argThat(question -> question.budget().flops() == 5.76e23));
    }

    @Test
    void workElsewhereThatFailsIsTheParkedRequestsProblem() throws Exception {
        CompletableFuture<Void> backtest = new CompletableFuture<>();
        when(service.create(eq("llm-scaling"), any())).thenThrow(new AnswerPending(backtest, Duration.ofSeconds(30)));

        MvcResult parked = mvc.perform(post(PLANS).contentType(MediaType.APPLICATION_JSON).content(BUDGET))
                .andExpect(request().asyncStarted()).andReturn();
        backtest.completeExceptionally(new ApiException(ProblemType.SERVICE_UNAVAILABLE,
                "The backtest did not finish in time; retry"));
        mvc.perform(asyncDispatch(parked))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The backtest did not finish in time; retry"));
        verify(service, times(1)).create(any(), any());
    }
}
