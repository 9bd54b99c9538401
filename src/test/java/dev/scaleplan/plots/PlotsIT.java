package dev.scaleplan.plots;

import java.io.ByteArrayInputStream;
import java.util.Random;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Plots of a stored fit and plan over HTTP: SVG that parses, one run group per run used, ETags, problems. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlotsIT {

    /** A hostile display name: plots must keep it as text and stay well-formed XML. */
    private static final String NAME = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> & co";
    private static final String PROJECT = "/api/v1/projects/plots-it";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    private long fitId;
    private int runsUsed;
    private long planId;

    @BeforeAll
    void runsFitAndPlan() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(java.util.Map.of("id", "plots-it", "name", NAME))))
                .andExpect(status().isCreated());
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        Random random = new Random(3);
        // Besiroglu et al. 2024's corrected Chinchilla law with 1% noise.
        for (double n = 7e7; n <= 5e9; n *= 2) {
            for (double ratio : new double[] {5, 20, 80}) {
                double d = n * ratio;
                double loss = BESIROGLU.loss(n, d)
                        * Math.exp(0.01 * random.nextGaussian());
                csv.append(n).append(',').append(d).append(',').append(loss).append('\n');
            }
        }
        mvc.perform(post(PROJECT + "/runs").contentType("text/csv").content(csv.toString())).andExpect(status().isCreated());
        JsonNode fit = read(mvc.perform(post(PROJECT + "/fits").contentType(MediaType.APPLICATION_JSON)
                .content("{\"form\": \"chinchilla\", \"bootstrap\": 10, \"seed\": 5}")).andExpect(status().isCreated())
                .andReturn().getResponse());
        fitId = fit.get("id").asLong();
        runsUsed = fit.get("runsUsed").asInt();
        planId = read(mvc.perform(post(PROJECT + "/plans").contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"compute-optimal\", \"fitId\": " + fitId + ", \"budget\": {\"accelerator\": "
                        + "\"h100-sxm\", \"count\": 64, \"hours\": 240, \"pricePerHour\": 2.5}}"))
                .andExpect(status().isCreated()).andReturn().getResponse()).get("id").asLong();
    }

    @Test
    void everyFitPlotIsWellFormedSvgWithOneGroupPerRunUsed() throws Exception {
        for (String kind : new String[] {"loss-vs-compute", "isoflop", "residuals"}) {
            MockHttpServletResponse response = mvc.perform(get(plot(kind)))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType("image/svg+xml"))
                    .andExpect(header().exists(HttpHeaders.ETAG))
                    .andExpect(header().string(HttpHeaders.CACHE_CONTROL, org.hamcrest.Matchers.containsString("no-cache")))
                    .andReturn().getResponse();
            Document svg = parse(response.getContentAsByteArray());
            assertThat(count(svg, "//*[@class='run']")).as(kind).isEqualTo(runsUsed);
            assertThat(svg.getDocumentElement().getTextContent()).as(kind).contains(NAME, "chinchilla fit " + fitId);
        }
    }

    @Test
    void lossAgainstComputeMarksThePlansAndItsEtagFollowsThem() throws Exception {
        MockHttpServletResponse first = mvc.perform(get(plot("loss-vs-compute") + "?width=1000&height=600"))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(parse(first.getContentAsByteArray()).getDocumentElement().getTextContent()).contains("plan " + planId);
        String etag = first.getHeader(HttpHeaders.ETAG);
        mvc.perform(get(plot("loss-vs-compute") + "?width=1000&height=600").header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isNotModified());
        mvc.perform(post(PROJECT + "/plans").contentType(MediaType.APPLICATION_JSON)
                .content("{\"objective\": \"compute-optimal\", \"fitId\": " + fitId + ", \"budget\": {\"flops\": 1e22}}"))
                .andExpect(status().isCreated());
        String after = mvc.perform(get(plot("loss-vs-compute") + "?width=1000&height=600")
                        .header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isOk()).andReturn().getResponse().getHeader(HttpHeaders.ETAG);
        assertThat(after).isNotEqualTo(etag);
    }

    @Test
    void servesPngWhenAskedAndTheSameSvgTwice() throws Exception {
        byte[] png = mvc.perform(get(plot("residuals")).accept(MediaType.IMAGE_PNG))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.IMAGE_PNG))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        byte[] once = mvc.perform(get(plot("isoflop"))).andReturn().getResponse().getContentAsByteArray();
        byte[] twice = mvc.perform(get(plot("isoflop"))).andReturn().getResponse().getContentAsByteArray();
        assertThat(once).isEqualTo(twice);
    }

    @Test
    void plansStrategiesSideBySide() throws Exception {
        MockHttpServletResponse response = mvc.perform(get(PROJECT + "/plans/" + planId + "/plot"))
                .andExpect(status().isOk()).andExpect(content().contentType("image/svg+xml"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, org.hamcrest.Matchers.containsString("max-age")))
                .andReturn().getResponse();
        String text = parse(response.getContentAsByteArray()).getDocumentElement().getTextContent();
        assertThat(text).contains("plan " + planId, "compute-optimal", "kaplan-2020", "over-trained-4x",
                "Training cost (USD)", "Model size N");
        mvc.perform(get(PROJECT + "/plans/" + planId + "/plot").header(HttpHeaders.IF_NONE_MATCH,
                response.getHeader(HttpHeaders.ETAG))).andExpect(status().isNotModified());
    }

    @Test
    void unknownKindsBadSizesAndUnacceptableTypesAreProblems() throws Exception {
        mvc.perform(get(plot("pie-chart"))).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        for (String query : new String[] {"?width=10", "?height=99999", "?width=abc"}) {
            mvc.perform(get(plot("residuals") + query)).andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(get(plot("residuals")).accept(MediaType.APPLICATION_JSON)).andExpect(status().isNotAcceptable());
        mvc.perform(get(PROJECT + "/fits/999999/plots/residuals")).andExpect(status().isNotFound());
        mvc.perform(get(PROJECT + "/plans/999999/plot")).andExpect(status().isNotFound());
    }

    private String plot(String kind) {
        return PROJECT + "/fits/" + fitId + "/plots/" + kind;
    }

    private JsonNode read(MockHttpServletResponse response) throws Exception {
        return json.readTree(response.getContentAsString());
    }

    private static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    private static int count(Document document, String xpath) throws Exception {
        return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET))
                .getLength();
    }
}
