package dev.scaleplan.web;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A 415 tells the client what it should have sent: in the detail and in Accept / Accept-Post. */
@IntegrationTest
class UnsupportedMediaTypeIT {

    @Autowired
    MockMvc mvc;

    @Test
    void runUploadIn415NamesJsonAndCsv() throws Exception {
        mvc.perform(post("/api/v1/projects/any-project/runs").contentType(MediaType.TEXT_PLAIN).content("loss 2.5"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://scaleplan.dev/problems/unsupported-media-type"))
                .andExpect(jsonPath("$.detail").value(
                        "Content-Type 'text/plain' is not supported; send application/json, text/csv"))
                .andExpect(header().string("Accept", "application/json, text/csv"))
                .andExpect(header().string("Accept-Post", "application/json, text/csv"));
    }

    @Test
    void jsonBodyIn415NamesJsonAndAcceptPatchForPatch() throws Exception {
        mvc.perform(patch("/api/v1/projects/any-project").contentType(MediaType.TEXT_PLAIN).content("name"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail", containsString("send application/json")))
                .andExpect(header().string("Accept", containsString("application/json")))
                .andExpect(header().string("Accept-Patch", containsString("application/json")))
                .andExpect(header().doesNotExist("Accept-Post"));
    }
}
