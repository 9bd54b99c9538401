package dev.scaleplan.projects;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import dev.scaleplan.support.ApiSliceTest;
import dev.scaleplan.web.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@ApiSliceTest(ProjectController.class)
class ProjectControllerTest {

    private static final Project PROJECT = new Project("llm-scaling", "LLM scaling", null, 6, "total", "6N", 0, 0,
            Instant.parse("2026-12-05T10:00:00Z"), Instant.parse("2026-12-05T10:00:00Z"));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ProjectService service;

    @Test
    void createAnswers201WithTheProjectAndItsLocation() throws Exception {
        when(service.create(any())).thenReturn(PROJECT);

        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"llm-scaling\", \"name\": \"LLM scaling\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/projects/llm-scaling"))
                .andExpect(jsonPath("$.id").value("llm-scaling"))
                .andExpect(jsonPath("$.flopsPerToken").value(6.0));
        verify(service).create(new CreateProjectRequest("llm-scaling", "LLM scaling", null, null, null, null));
    }

    @Test
    void rejectsAnIdThatIsNotASlugNamingTheField() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"Not A Slug\", \"name\": \"x\", \"flopsPerToken\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type", endsWith("validation")))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[*].field", hasItem("id")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("flopsPerToken")));
        verifyNoInteractions(service);
    }

    @Test
    void rejectsAnUnknownFieldAndMalformedJson() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\": \"a\", \"name\": \"x\", \"colour\": \"red\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON).content("{\"id\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(service);
    }

    @Test
    void anUnknownProjectIsA404ProblemForGetAndDelete() throws Exception {
        when(service.get("nope")).thenThrow(ApiException.notFound("Project", "nope"));
        org.mockito.Mockito.doThrow(ApiException.notFound("Project", "nope")).when(service).delete(eq("nope"));

        mvc.perform(get("/api/v1/projects/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type", endsWith("not-found")))
                .andExpect(jsonPath("$.detail").value("Project 'nope' does not exist"));
        mvc.perform(delete("/api/v1/projects/nope")).andExpect(status().isNotFound());
    }

    @Test
    void aPageSizeOutOfRangeIsA400NamingTheParameter() throws Exception {
        mvc.perform(get("/api/v1/projects").param("size", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("size")));
        mvc.perform(get("/api/v1/projects").param("page", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(service);
    }
}
