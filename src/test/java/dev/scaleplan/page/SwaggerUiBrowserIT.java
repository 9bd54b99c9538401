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
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Swagger UI's Try-it-out as a newcomer uses it, in Chromium: authorize, type only the values an operation
 * needs, Execute. Nothing Swagger UI fills in by itself may change the answer, and a request body's example
 * is accepted as it stands.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwaggerUiBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private Browser browser;
    private String project;
    private long fitId;

    @BeforeAll
    void startBrowserWithAFittedProject() throws Exception {
        browser = Browser.startOrSkip(port);
        RunsApi api = new RunsApi(mvc, jdbc);
        project = api.createProject("swagger");
        StringBuilder csv = new StringBuilder("parameters,tokens,loss,dataset\n");
        Random random = new Random(3);
        for (double n = 5e7; n <= 2.5e9; n *= 2.2) {
            for (double ratio : new double[] {5, 10, 20, 40, 80}) {
                double loss = BESIROGLU.loss(n, n * ratio)
                        * Math.exp(0.01 * random.nextGaussian());
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,web-v2%n", n, n * ratio, loss));
            }
        }
        api.uploadCsv(project, csv.toString());
        MvcResult fit = mvc.perform(post(RunsApi.runsPath(project).replace("/runs", "/fits"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"form\": \"chinchilla\", \"bootstrap\": 20}")).andReturn();
        assertThat(fit.getResponse().getStatus()).as(RunsApi.body(fit)).isEqualTo(201);
        fitId = RunsApi.json(fit).get("id").asLong();

        browser.size(1280, 1000);
        browser.driver.get(browser.baseUrl + "/swagger-ui/index.html");
        browser.click(".auth-wrapper .authorize");
        browser.visible(".modal-ux input").sendKeys(AdminKey.SECRET);
        browser.click(".modal-ux .auth-btn-wrapper .authorize");
        browser.click(".modal-ux .btn-done");
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aPredictionWithOnlyParametersAndTokensTypedAnswers200() {
        String operation = "#operations-Fits-predictLoss";
        tryItOut(operation);
        fill(operation, "projectId", project);
        fill(operation, "fitId", Long.toString(fitId));
        fill(operation, "parameters", "7e10");
        fill(operation, "tokens", "1.4e12");
        String url = execute(operation);

        // Swagger UI fills in defaults (band=confidence), which are what the server does without them.
        assertThat(url).contains("parameters=7e10", "tokens=1.4e12")
                .doesNotContain("flops=", "experts=", "metrics=", "band=prediction");
        assertThat(status(operation)).isEqualTo("200");
        browser.screenshot("swagger-prediction");
    }

    @Test
    void aFitWithTheBodyExampleAsItStandsAnswers201() {
        String operation = "#operations-Fits-createFit";
        tryItOut(operation);
        fill(operation, "projectId", project);
        execute(operation);

        assertThat(status(operation)).isEqualTo("201");
        browser.screenshot("swagger-fit");
    }

    private void tryItOut(String operation) {
        browser.click(operation + " .opblock-summary-control");
        browser.click(operation + " .try-out__btn");
    }

    private void fill(String operation, String parameter, String value) {
        WebElement input = browser.visible(operation + " tr[data-param-name='" + parameter + "'] input");
        input.clear();
        input.sendKeys(value);
    }

    /** Presses Execute and answers the request URL Swagger UI sent. */
    private String execute(String operation) {
        browser.click(operation + " .execute");
        return browser.visible(operation + " .request-url pre").getText();
    }

    private String status(String operation) {
        return browser.visible(operation + " .live-responses-table tbody .response-col_status").getText().trim();
    }
}
