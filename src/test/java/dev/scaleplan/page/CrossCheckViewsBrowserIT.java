package dev.scaleplan.page;

import java.util.Locale;
import java.util.Random;

import dev.scaleplan.runs.RunsApi;
import dev.scaleplan.support.AdminKey;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The page's views of the other fits and cross-checks, in Chromium: an IsoFLOP analysis with its budgets, a
 * downstream fit with its diagnostics, Approach 2 against Approach 3, a backtest and two datasets compared.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossCheckViewsBrowserIT {

    private static final double ALPHA = 0.3478;
    private static final double BETA = 0.3658;

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private Browser browser;
    private String project;
    private long isoflopFit;
    private long downstreamFit;

    @BeforeAll
    void startBrowserOnAProjectWithBudgetsTwoDatasetsAndABenchmark() throws Exception {
        browser = Browser.startOrSkip(port);
        RunsApi api = new RunsApi(mvc, jdbc);
        project = api.createProject("crosscheck-views");
        MvcResult upload = api.uploadCsv(project, runs()).andReturn();
        assertThat(upload.getResponse().getStatus()).as(RunsApi.body(upload)).isEqualTo(201);
        isoflopFit = fit("{\"form\": \"isoflop\", \"bootstrap\": 20, \"filter\": {\"dataset\": \"web\"}}");
        downstreamFit = fit("{\"form\": \"downstream\", \"metric\": \"hellaswag\", \"shape\": \"exponential\", \"bootstrap\": 20}");
        fit("{\"form\": \"chinchilla\", \"bootstrap\": 20, \"filter\": {\"dataset\": \"web\"}}");

        browser.size(1280, 1000);
        browser.driver.get(browser.baseUrl + "/");
        browser.visible("#key-input").sendKeys(AdminKey.SECRET);
        browser.click("#key-form button[type=submit]");
        browser.click("#project-list button[data-project='" + project + "']");
        browser.waitText("#fit-compare-table", "isoflop");
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void isoflopAndDownstreamFitsShowTheirOwnFigures() {
        browser.click("#fit-compare-table tr[data-fit='" + isoflopFit + "'] button");
        browser.waitText("#fit-summary", "IsoFLOP budgets of fit " + isoflopFit);
        assertThat(browser.driver.findElements(By.cssSelector("#fit-summary table")).get(0).getText())
                .contains("parametersOptimal", "c1", "c4");
        browser.scrollTo("#fit-summary");
        browser.screenshot("crosscheck-isoflop");

        browser.click("#fit-compare-table tr[data-fit='" + downstreamFit + "'] button");
        browser.waitText("#fit-summary", "Downstream fit of hellaswag (exponential)");
        assertThat(browser.text("#fit-summary")).contains("rSquared", "epsilon");
        browser.screenshot("crosscheck-downstream");
    }

    @Test
    void agreementBacktestAndDatasetsAreShownAsTheApiAnswers() {
        browser.click("#agreement-button");
        browser.waitText("#crosscheck-result", "Agreement of Approach 2 and Approach 3");
        assertThat(browser.text("#crosscheck-result")).contains("Approach 2 (IsoFLOP)", "Approach 3 (parametric)");
        browser.scrollTo("#crosscheck");
        browser.screenshot("crosscheck-agreement");

        browser.click("#backtest-button");
        browser.waitText("#crosscheck-result", "Backtest of chinchilla fit");
        assertThat(browser.driver.findElements(By.cssSelector("#crosscheck-result tbody tr"))).isNotEmpty();
        browser.screenshot("crosscheck-backtest");

        browser.visible("#datasets-reference").sendKeys("web");
        browser.click("#datasets-button");
        browser.waitText("#crosscheck-result", "Datasets compared with web");
        assertThat(browser.text("#crosscheck-result")).contains("curated", "effectiveDataMultiplier");
        browser.screenshot("crosscheck-datasets");
        assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
    }

    /** 4 IsoFLOP budgets × 9 sizes on "web" (Besiroglu et al.'s law) with a hellaswag accuracy, and a grid on "curated". */
    private static String runs() {
        StringBuilder csv = new StringBuilder("parameters,tokens,loss,dataset,tag.budget,metric.hellaswag\n");
        Random random = new Random(17);
        double[] budgets = {1e18, 1e19, 1e20, 1e21};
        double g = Math.pow(ALPHA * 482.01 / (BETA * 2085.43), 1 / (ALPHA + BETA));
        for (int c = 0; c < budgets.length; c++) {
            double optimum = g * Math.pow(budgets[c] / 6, BETA / (ALPHA + BETA));
            for (int s = 0; s < 9; s++) {
                double n = optimum * Math.exp(Math.log(4) * (s / 4.0 - 1));
                double d = budgets[c] / (6 * n);
                double loss = law(n, d, 1.0) * Math.exp(0.01 * random.nextGaussian());
                double accuracy = 1 - (0.75 - 2.2 * Math.exp(-0.9 * loss)) + 0.005 * random.nextGaussian();
                csv.append(String.format(Locale.ROOT, "%.6e,%.6e,%.6f,web,c%d,%.5f%n", n, d, loss, c + 1, accuracy));
            }
        }
        for (double n = 5e7; n <= 3e9; n *= 2.8) {
            for (double perParameter : new double[] {5, 20, 80}) {
                double d = n * perParameter;
                double loss = law(n, d, 0.8) * Math.exp(0.005 * random.nextGaussian());
                csv.append(String.format(Locale.ROOT, "%.6e,%.6e,%.6f,curated,,%n", n, d, loss));
            }
        }
        return csv.toString();
    }

    private static double law(double n, double d, double dataQuality) {
        return 1.8172 + 482.01 / Math.pow(n, ALPHA) + 2085.43 * dataQuality / Math.pow(d, BETA);
    }

    private long fit(String body) throws Exception {
        MvcResult fit = mvc.perform(post(RunsApi.runsPath(project).replace("/runs", "/fits"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
        assertThat(fit.getResponse().getStatus()).as(RunsApi.body(fit)).isEqualTo(201);
        return RunsApi.json(fit).get("id").asLong();
    }
}
