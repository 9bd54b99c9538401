package dev.scaleplan.fits;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import dev.scaleplan.support.ApiSliceTest;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Fits and predictions on the web layer alone. */
@ApiSliceTest(FitController.class)
class FitControllerTest {

    private static final String FITS = "/api/v1/projects/llm-scaling/fits";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    FitViews views;

    @MockitoBean
    FitQuestions questions;

    @MockitoBean
    FitResiduals residuals;

    @Test
    void aFitIsAnsweredFlatWhateverItsGroupsInJava() throws Exception {
        when(views.get("llm-scaling", 12)).thenReturn(new FitResponse(12, "llm-scaling", "chinchilla", Map.of(), Map.of(),
                new FitResponse.Optimum(0.0123, "huber", 0.001), 0.9,
                new FitResponse.FittedRuns(240, null, null, 3, false), null, null, null, 840, List.of(), null, null, null,
                null));

        mvc.perform(get(FITS + "/12"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.objective").value(0.0123))
                .andExpect(jsonPath("$.loss").value("huber"))
                .andExpect(jsonPath("$.runsUsed").value(240))
                .andExpect(jsonPath("$.dataRevision").value(3))
                .andExpect(jsonPath("$.stale").value(false))
                .andExpect(jsonPath("$.optimum").doesNotExist())
                .andExpect(jsonPath("$.fittedRuns").doesNotExist())
                .andExpect(jsonPath("$.budgets").doesNotExist());
    }

    @Test
    void anUnknownFitIsA404Problem() throws Exception {
        when(views.get("llm-scaling", 99)).thenThrow(ApiException.notFound("Fit", 99));

        mvc.perform(get(FITS + "/99"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type", endsWith("not-found")))
                .andExpect(jsonPath("$.detail").value("Fit '99' does not exist"));
    }

    @Test
    void aPredictionWithANumberThatIsNotOneIsA400NamingTheParameter() throws Exception {
        mvc.perform(get(FITS + "/12/prediction").param("parameters", "seven billion").param("tokens", "1e12"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("parameters")));
        verifyNoInteractions(questions);
    }

    @Test
    void aPredictionTheServiceRefusesKeepsItsStatusAndReason() throws Exception {
        when(questions.predict(eq("llm-scaling"), anyLong(), any(), any(), any(), any(), eq(8L), any(), any(), any()))
                .thenThrow(new ApiException(ProblemType.UNPROCESSABLE, "Fit 12 is dense: experts must be 1"));
        when(questions.predict(eq("llm-scaling"), anyLong(), any(), any(), any(), eq("wide"), any(), any(), any(), any()))
                .thenThrow(ApiException.invalidParameter("band", "must be confidence, prediction or calibrated"));

        mvc.perform(get(FITS + "/12/prediction").param("parameters", "7e10").param("tokens", "1.4e12")
                        .param("experts", "8"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type", endsWith("unprocessable")))
                .andExpect(jsonPath("$.detail").value("Fit 12 is dense: experts must be 1"));
        mvc.perform(get(FITS + "/12/prediction").param("parameters", "7e10").param("tokens", "1.4e12")
                        .param("band", "wide"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("band"));
    }
}
