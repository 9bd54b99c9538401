package dev.scaleplan.plots;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import dev.scaleplan.support.IntegrationTest;
import dev.scaleplan.web.PlotLimits;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Plots of a project of 50,000 runs draw a bounded sample and say so,
 * under 2 MB each; renders beyond the slots or the pixel budget are a 503 with {@code Retry-After};
 * plots of a downstream fit say what the fit is.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeSweepPlotsIT {

    private static final String PROJECT = "/api/v1/projects/large-sweep";
    private static final int LARGE = 50_000;
    private static final Pattern RUN_GROUP = Pattern.compile("<g class=['\"]run['\"]");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    RenderSlots slots;

    @Autowired
    PlotLimits limits;

    private long lawFit;
    private long downstreamFit;
    private int total;

    @BeforeAll
    void aFittedSweepThenFiftyThousandMoreRuns() throws Exception {
        mvc.perform(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"large-sweep\", \"name\": \"Large sweep\"}")).andExpect(status().isCreated());
        Random random = new Random(7);
        StringBuilder grid = new StringBuilder("parameters,tokens,loss,metric.accuracy\n");
        int gridRuns = 0;
        for (double n = 7e7; n <= 5e9; n *= 2) {
            for (double ratio : new double[] {5, 20, 80}) {
                double loss = besiroglu(n, n * ratio, random);
                grid.append(String.format(Locale.ROOT, "%.6e,%.6e,%.6f,%.6f%n", n, n * ratio, loss,
                        0.25 + 2.2 * Math.exp(-0.9 * loss) + 0.003 * random.nextGaussian()));
                gridRuns++;
            }
        }
        upload(grid.toString());
        lawFit = created("{\"form\": \"chinchilla\", \"bootstrap\": 0}");
        downstreamFit = created("{\"form\": \"downstream\", \"metric\": \"accuracy\", \"shape\": \"exponential\", "
                + "\"bootstrap\": 0}");
        StringBuilder sweep = new StringBuilder("parameters,tokens,loss\n");
        for (int i = 0; i < LARGE; i++) {
            double n = 7e7 * Math.pow(70, random.nextDouble());
            double d = n * 5 * Math.pow(16, random.nextDouble());
            sweep.append(String.format(Locale.ROOT, "%.6e,%.6e,%.6f%n", n, d, besiroglu(n, d, random)));
        }
        upload(sweep.toString());
        total = gridRuns + LARGE;
    }

    @Test
    void everyPlotOfAFiftyThousandRunProjectIsUnderTwoMegabytesAndSaysHowManyRunsItShows() throws Exception {
        String shown = String.format(Locale.ROOT, "%,d of %,d runs shown", RunSample.MAX_SHOWN, total);
        for (String kind : new String[] {"loss-vs-compute", "isoflop", "residuals"}) {
            MockHttpServletResponse response = mvc.perform(get(PROJECT + "/fits/" + lawFit + "/plots/" + kind))
                    .andExpect(status().isOk()).andReturn().getResponse();
            byte[] svg = response.getContentAsByteArray();
            String text = new String(svg, StandardCharsets.UTF_8);
            assertThat(svg.length).as(kind + " bytes").isLessThan(2_000_000);
            assertThat(text).as(kind).contains(shown);
            assertThat(RUN_GROUP.matcher(text).results().count()).as(kind + " runs drawn")
                    .isBetween(1L, (long) RunSample.MAX_SHOWN);
        }
    }

    @Test
    void aFitWithoutBootstrapDrawsItsFrontierWithoutABand() throws Exception {
        String svg = mvc.perform(get(PROJECT + "/fits/" + lawFit + "/plots/loss-vs-compute")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(svg).contains("no band (fitted without bootstrap draws)");
    }

    @Test
    void plotsBeyondTheRenderSlotsAre503WithRetryAfterAndServedAgainOnceTheyFree() throws Exception {
        List<CompletableFuture<byte[]>> held = hold(limits.concurrentRenders(), PlotRendering.Format.SVG, 320, 240);
        try {
            MockHttpServletResponse busy = mvc.perform(get(PROJECT + "/fits/" + lawFit + "/plots/residuals"))
                    .andReturn().getResponse();
            assertThat(busy.getStatus()).isEqualTo(503);
            assertThat(busy.getHeader(HttpHeaders.RETRY_AFTER)).isNotBlank();
            assertThat(busy.getContentType()).startsWith("application/problem+json");
            assertThat(busy.getContentAsString()).contains("rendering slots are busy");
        } finally {
            release(held);
        }
        mvc.perform(get(PROJECT + "/fits/" + lawFit + "/plots/residuals")).andExpect(status().isOk());
    }

    @Test
    void pngImagesBeyondThePixelBudgetAre503WhileSvgIsStillDrawn() throws Exception {
        int largest = 3000 * 2000;
        List<CompletableFuture<byte[]>> held = hold(limits.pixelBudget() / largest, PlotRendering.Format.PNG, 3000, 2000);
        try {
            MockHttpServletResponse busy = mvc.perform(get(PROJECT + "/fits/" + lawFit + "/plots/isoflop?width=3000&height=2000")
                    .accept(MediaType.IMAGE_PNG)).andReturn().getResponse();
            assertThat(busy.getStatus()).isEqualTo(503);
            assertThat(busy.getHeader(HttpHeaders.RETRY_AFTER)).isNotBlank();
            assertThat(busy.getContentAsString()).contains("pixel budget");
            mvc.perform(get(PROJECT + "/fits/" + lawFit + "/plots/isoflop")).andExpect(status().isOk());
        } finally {
            release(held);
        }
    }

    @Test
    void plotsOfADownstreamFitSayItIsADownstreamFit() throws Exception {
        for (String kind : new String[] {"loss-vs-compute", "isoflop", "residuals"}) {
            String problem = mvc.perform(get(PROJECT + "/fits/" + downstreamFit + "/plots/" + kind))
                    .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
            assertThat(problem).contains("downstream fit of metric 'accuracy'").doesNotContain("IsoFLOP analysis");
        }
    }

    @Test
    void aCurveStartingBelowOneTokenOfComputeNamesFrom() throws Exception {
        String problem = mvc.perform(get(PROJECT + "/fits/" + lawFit + "/curve?from=1"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(problem).contains("'from'").contains("\"field\":\"from\"").doesNotContain("'flops'");
    }

    /** Takes {@code count} renders that block until released, as slow renders would. */
    private List<CompletableFuture<byte[]>> hold(int count, PlotRendering.Format format, int width, int height) {
        CountDownLatch open = new CountDownLatch(1);
        List<CompletableFuture<byte[]>> held = new ArrayList<>();
        int before = slots.rendering();
        for (int i = 0; i < count; i++) {
            held.add(CompletableFuture.supplyAsync(() -> slots.render(() -> {
                try {
                    open.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new JFreeChart(new XYPlot());
            }, width, height, format), renders));
        }
        await().until(() -> slots.rendering() == before + count);
        openers.add(open);
        return held;
    }

    private final List<CountDownLatch> openers = new ArrayList<>();
    private final ExecutorService renders = Executors.newCachedThreadPool();

    @AfterAll
    void stopRenders() {
        renders.shutdownNow();
    }

    private void release(List<CompletableFuture<byte[]>> held) {
        openers.forEach(CountDownLatch::countDown);
        openers.clear();
        held.forEach(CompletableFuture::join);
        await().until(() -> slots.rendering() == 0);
    }

    private static double besiroglu(double n, double d, Random random) {
        return BESIROGLU.loss(n, d) * Math.exp(0.01 * random.nextGaussian());
    }

    private void upload(String csv) throws Exception {
        mvc.perform(post(PROJECT + "/runs").contentType("text/csv").content(csv)).andExpect(status().isCreated());
    }

    private long created(String body) throws Exception {
        return json.readTree(mvc.perform(post(PROJECT + "/fits").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
    }
}
