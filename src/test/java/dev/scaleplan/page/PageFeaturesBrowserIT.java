package dev.scaleplan.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.scaleplan.jobs.FitJobPause;
import dev.scaleplan.support.AdminKey;
import dev.scaleplan.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the page shows beyond the first walk: every warning the API answers (upload, fit, plan, alternatives),
 * the selected fit and nothing else after switching, the N or D a curve is held at, plans of every objective
 * with their intervals, past plans reopened, the fit comparison table and downloads. Compares the page with
 * the API's own JSON, fetched in the same browser.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageFeaturesBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private Browser browser;

    @BeforeAll
    void startBrowser() {
        browser = Browser.startOrSkip(port);
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void everyWarningEveryFitAndEveryPlanShowsWhereItApplies() throws Exception {
        browser.size(1280, 900);
        browser.driver.get(browser.baseUrl + "/");
        browser.visible("#key-input").sendKeys(AdminKey.SECRET);
        browser.click("#key-form button[type=submit]");
        String project = "features-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        browser.visible("#project-id").sendKeys(project);
        browser.visible("#project-name").sendKeys("Page features");
        browser.click("#project-form button[type=submit]");
        browser.waitText("#project-title", "Page features");

        browser.visible("#runs-file").sendKeys(csv(runs()).toString());
        browser.waitText("#upload-result", "runs stored");
        assertThat(browser.text("#upload-result")).as("the upload's flops warning").contains("flops");
        String api = "/api/v1/projects/" + project;

        fit("power-law-flops", "10");
        fit("chinchilla", "20");
        List<?> fitWarnings = (List<?>) fetch(api + "/fits/latest?form=chinchilla", "warnings");
        assertThat(fitWarnings).as("the chinchilla fit's warnings from the API").isNotEmpty();
        for (Object warning : fitWarnings) {
            assertThat(browser.text("#fit-summary .warnings")).contains((String) warning);
        }
        assertThat(browser.driver.findElements(By.cssSelector("#fit-compare-table tbody tr"))).hasSize(2);
        assertThat(browser.text("#fit-compare-table")).contains("AIC", "BIC", "held-out error", "power-law-flops", "chinchilla");
        assertThat(browser.text("#fit-summary")).as("4 significant digits").doesNotContainPattern("\\.\\d{6,}|\\d{6,}\\.\\d");
        shot("fit-warnings");

        // Switching fits: the chart and the server plots show the selected fit, whatever answers late.
        Select fits = new Select(browser.visible("#explore-fit"));
        String chinchilla = fits.getFirstSelectedOption().getAttribute("value");
        String powerLaw = fits.getOptions().stream().map(o -> o.getAttribute("value")).filter(v -> !v.equals(chinchilla))
                .findFirst().orElseThrow();
        for (int i = 0; i < 3; i++) {
            fits.selectByValue(powerLaw);
            fits.selectByValue(chinchilla);
        }
        fits.selectByValue(powerLaw);
        waitAttribute("#chart", "data-fit", powerLaw);
        waitAttribute("#plots", "data-fit", powerLaw);
        assertThat(browser.text("#chart-state")).contains("fit " + powerLaw);
        assertThat(browser.driver.findElements(By.cssSelector("#plots figure")).stream()
                .map(f -> f.getText()).toList()).allMatch(caption -> caption.contains("fit " + powerLaw));
        fits.selectByValue(chinchilla);
        waitAttribute("#chart", "data-fit", chinchilla);
        // The chart's legend names the band drawn, as the curve's answer names it.
        assertThat(seriesNames()).anyMatch(name -> name.contains("% confidence band"));

        new Select(browser.visible("#explore-axis")).selectByValue("parameters");
        browser.waitText("#explore-held", "at D =");
        browser.visible("#explore-held-input").sendKeys("1e11\n");
        browser.waitText("#explore-held", "(1e11)");
        assertThat(browser.driver.findElements(By.cssSelector("#plots a.download"))).hasSize(3);
        browser.scrollTo("#explore");
        shot("explore-held-at-D");

        // A far budget: the plan and its alternatives carry warnings, each shown with its row.
        WebElement flops = browser.visible("#budget-flops");
        flops.clear();
        flops.sendKeys("1e26");
        browser.click("#plan-button");
        waitImages("#plan-result img", 1);
        String planId = browser.visible("#plan-result").getAttribute("data-plan");
        String planText = browser.text("#plan-result");
        for (Object warning : (List<?>) fetch(api + "/plans/" + planId, "warnings")) {
            assertThat(planText).contains((String) warning);
        }
        List<?> alternatives = (List<?>) fetch(api + "/plans/" + planId, "alternatives");
        long alternativeWarnings = 0;
        for (Object alternative : alternatives) {
            for (Object warning : (List<?>) ((java.util.Map<?, ?>) alternative).get("warnings")) {
                assertThat(planText).contains((String) warning);
                alternativeWarnings++;
            }
        }
        assertThat(alternativeWarnings).as("alternatives' warnings at 1e26 FLOPs").isPositive();
        assertThat(browser.text("td[data-interval=parameters]")).contains("–");
        assertThat(browser.text("td[data-interval=tokens]")).contains("–");
        assertThat(browser.text("td[data-interval=loss]")).contains("–");
        assertThat(canvasArea("#plan-chart")).isPositive();
        browser.scrollTo("#plan-result");
        shot("plan-warnings-and-intervals");

        new Select(browser.visible("#plan-objective")).selectByValue("target-loss");
        assertThat(browser.visible("#target-loss").isDisplayed()).isTrue();
        assertThat(browser.driver.findElement(By.cssSelector("#budget-flops")).isDisplayed()).isFalse();
        WebElement target = browser.visible("#target-loss");
        target.clear();
        target.sendKeys("2.6");
        browser.click("#plan-button");
        browser.waitText("#plan-result", "(target-loss)");
        String targetPlan = browser.visible("#plan-result").getAttribute("data-plan");
        assertThat(targetPlan).isNotEqualTo(planId);

        new Select(browser.visible("#plan-objective")).selectByValue("fixed-parameters");
        WebElement budget = browser.visible("#budget-flops");
        budget.clear();
        budget.sendKeys("1e21");
        browser.click("#plan-button");
        browser.waitText("#plan-result", "(fixed-parameters)");

        browser.waitText("#plan-list", "plan " + planId);
        browser.click("#plan-list button[data-plan='" + planId + "']");
        waitAttribute("#plan-result", "data-plan", planId);
        browser.waitText("#plan-result", "(compute-optimal)");
        browser.scrollTo("#plan");
        shot("plans-listed-and-reopened");

        // A fit queued as a job (the test server otherwise answers fits at once: wait=0 forces the job path)
        // shows a progress bar and a cancel button; cancelling stops it.
        // Jobs stay queued while the test cancels one: no race with a fit that finishes in half a second.
        try (FitJobPause paused = FitJobPause.pause(context)) {
            js("const original = window.fetch; window.fetch = (url, init) => original(init && init.method === 'POST'"
                    + " && String(url).endsWith('/fits') ? url + '?wait=0' : url, init);");
            new Select(browser.visible("#fit-form-select")).selectByValue("chinchilla");
            WebElement draws = browser.visible("#fit-bootstrap");
            draws.clear();
            draws.sendKeys("1000");
            browser.click("#fit-button");
            browser.visible("#fit-progress-bar");
            browser.waitText("#fit-progress", "Fit job");
            browser.scrollTo("#fit-title");
            shot("fit-job-progress");
            browser.click("#fit-cancel");
            browser.waitText("#fit-progress", "did not finish");
            assertThat(browser.text("#error")).contains("cancelled");
            assertThat(browser.driver.findElement(By.cssSelector("#fit-progress-bar")).isDisplayed()).isFalse();
        }

        // After a job the page asks for the project's job list; a server without it answers 404, and the page
        // then shows only the job it started (that load failure is the one console entry allowed).
        assertThat(browser.consoleErrors()).as("browser console errors")
                .allMatch(error -> error.contains("/fit-jobs?status=") && error.contains("status of 404"));
    }

    /** A Chinchilla-law sweep; five runs give flops 10× k·N·D (a warning on upload and on every fit). */
    private static String runs() {
        StringBuilder csv = new StringBuilder("parameters,tokens,loss,flops\n");
        Random random = new Random(7);
        int i = 0;
        for (double n = 5e7; n <= 2.5e9; n *= 2.2) {
            for (double ratio : new double[] {5, 10, 20, 40, 80}) {
                double d = n * ratio;
                double loss = BESIROGLU.loss(n, d)
                        * Math.exp(0.01 * random.nextGaussian());
                double flops = 6 * n * d * (i++ % 5 == 0 && n < 3e8 ? 10 : 1);
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", n, d, loss, flops));
            }
        }
        return csv.toString();
    }

    private void fit(String form, String bootstrap) {
        new Select(browser.visible("#fit-form-select")).selectByValue(form);
        WebElement draws = browser.visible("#fit-bootstrap");
        draws.clear();
        draws.sendKeys(bootstrap);
        browser.click("#fit-button");
        browser.waitText("#fit-progress", "Fitted " + form);
    }

    /** A field of the API's JSON answer, fetched by the page's browser with the same key. */
    private Object fetch(String path, String field) {
        return ((JavascriptExecutor) browser.driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('scaleplan.apiKey')}})"
                + ".then(r => r.json()).then(j => done(j[arguments[1]]))", path, field);
    }

    private long canvasArea(String css) {
        return ((Number) js("const c = document.querySelector(arguments[0] + ' canvas'); return c ? c.width * c.height : 0",
                css)).longValue();
    }

    private static Path csv(String content) throws Exception {
        Path file = Files.createTempDirectory("scaleplan-upload").resolve("features.csv");
        Files.writeString(file, content);
        return file.toAbsolutePath();
    }

    private void waitAttribute(String css, String attribute, String value) {
        try {
            browser.waiting()
                    .until(ExpectedConditions.attributeToBe(By.cssSelector(css), attribute, value));
        } catch (RuntimeException e) {
            shot("failed-waiting-for-" + attribute);
            throw new AssertionError(css + " never had " + attribute + "=" + value + "; page error: " + browser.text("#error"), e);
        }
    }

    private void waitImages(String css, int count) {
        browser.waiting().until(d -> ((Number) js(
                "return [...document.querySelectorAll(arguments[0])].filter(i => i.complete && i.naturalWidth > 0).length",
                css)).intValue() == count);
    }

    @SuppressWarnings("unchecked")
    private List<String> seriesNames() {
        return (List<String>) js("return echarts.getInstanceByDom(document.querySelector('#chart')).getOption()"
                + ".series.map(s => s.name);");
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver).executeScript(script, args);
    }

    private void shot(String name) {
        browser.screenshot("features-" + name);
    }
}
