package dev.scaleplan.runs;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import dev.scaleplan.support.ApiSliceTest;
import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemError;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@ApiSliceTest(RunController.class)
class RunControllerTest {

    private static final String RUNS = "/api/v1/projects/llm-scaling/runs";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RunService service;

    @Test
    void anUploadThatStoresRunsIs201AndAResendIs200() throws Exception {
        when(service.ingest(eq("llm-scaling"), eq(RunService.Format.JSON), any(), anyLong()))
                .thenReturn(new IngestResult(2, 0, List.of(1L, 2L), 4, List.of()))
                .thenReturn(new IngestResult(0, 2, List.of(1L, 2L), 4, List.of()));

        mvc.perform(post(RUNS).contentType(MediaType.APPLICATION_JSON).content("[]"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.ids[1]").value(2));
        mvc.perform(post(RUNS).contentType(MediaType.APPLICATION_JSON).content("[]"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unchanged").value(2));
    }

    @Test
    void aCsvUploadIsReadAsCsv() throws Exception {
        when(service.ingest(eq("llm-scaling"), eq(RunService.Format.CSV), any(), anyLong()))
                .thenReturn(new IngestResult(1, 0, List.of(7L), 1, List.of()));

        mvc.perform(post(RUNS).contentType("text/csv").content("parameters,tokens,loss\n1e8,2e9,3.1\n"))
                .andExpect(status().isCreated());
        verify(service).ingest(eq("llm-scaling"), eq(RunService.Format.CSV), any(), anyLong());
    }

    @Test
    void aBodyThatIsNeitherJsonNorCsvIs415() throws Exception {
        mvc.perform(post(RUNS).contentType(MediaType.TEXT_PLAIN).content("runs"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type", endsWith("unsupported-media-type")));
        verifyNoInteractions(service);
    }

    @Test
    void rowErrorsFromTheServiceNameRowAndField() throws Exception {
        when(service.ingest(eq("llm-scaling"), eq(RunService.Format.JSON), any(), anyLong()))
                .thenThrow(ApiException.invalid("2 runs are invalid; nothing was stored",
                        List.of(ProblemError.row(1, "loss", "is required"), ProblemError.row(2, "tokens", "must be ≥ 1"))));

        mvc.perform(post(RUNS).contentType(MediaType.APPLICATION_JSON).content("[{}, {}]"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].row").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("loss"))
                .andExpect(jsonPath("$.errors[1].field").value("tokens"));
    }

    @Test
    void anUnknownRunIsA404AndANonNumericIdA400() throws Exception {
        when(service.get("llm-scaling", 99)).thenThrow(ApiException.notFound("Run", 99));

        mvc.perform(get(RUNS + "/99"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Run '99' does not exist"));
        mvc.perform(get(RUNS + "/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("runId")));
    }
}
