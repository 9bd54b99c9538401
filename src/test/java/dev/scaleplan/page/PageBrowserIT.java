package dev.scaleplan.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.scaleplan.fitting.SyntheticRuns.BESIROGLU;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the built-in page in a real Chromium as a new user would: key, project, upload, fit, plots,
 * plan, a bad upload, hostile names. Screenshots go to target/screenshots; any console error fails.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageBrowserIT {

    private static final String XSS_NAME = "<script>window.__xss='name'</script>";
    private static final String XSS_RUN = "\"><img src=x onerror=\"window.__xss='run'\">";

    @LocalServerPort
    int port;

    private Browser browser;
    private final List<String> consoleErrors = new ArrayList<>();

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
    void aNewUserUploadsFitsSeesThePlotsAndPlans() throws Exception {
        browser.size(1280, 900);
        browser.driver.get(browser.baseUrl + "/");
        WebElement keyInput = browser.visible("#key-input");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(keyInput);
        browser.screenshot("key");
        keyInput.sendKeys(AdminKey.SECRET);
        click("#key-form button[type=submit]");
        // Other tests share the database: the list is empty (and says so) only when this test runs first.
        browser.waiting().until(d -> (Boolean) js(
                "return !document.querySelector('#projects-empty').hidden"
                        + " || document.querySelectorAll('#project-list li').length > 0"));
        assertThat(js("return sessionStorage.getItem('scaleplan.apiKey')")).isEqualTo(AdminKey.SECRET);
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(AdminKey.SECRET);
        browser.screenshot("no-projects");

        type("#project-id", "browser-walk");
        type("#project-name", XSS_NAME);
        click("#project-form button[type=submit]");
        browser.waitText("#project-title", XSS_NAME);
        browser.visible("#runs-empty");
        browser.screenshot("empty-project");

        browser.visible("#runs-file").sendKeys(csv("runs.csv", runs()).toString());
        browser.waitText("#upload-result", "runs stored");
        browser.waitText("#runs-page", "25 runs");
        assertThat(cellTexts()).contains(XSS_RUN, XSS_NAME);
        browser.screenshot("runs");

        browser.visible("#runs-file").sendKeys(csv("bad.csv", "parameters,tokens,loss\n1e8,2e9,-1\n1e8,oops,2.5\n").toString());
        browser.waitText("#upload-result", "row 1");
        String problem = browser.text("#upload-result");
        assertThat(problem).contains("Nothing from bad.csv was stored", "row 1", "loss", "row 2", "tokens");
        browser.screenshot("bad-upload");
        expectOnlyFailedLoads(400);

        WebElement bootstrap = browser.visible("#fit-bootstrap");
        bootstrap.clear();
        bootstrap.sendKeys("20");
        click("#fit-button");
        browser.waitText("#fit-progress", "Fitted chinchilla");
        browser.visible("#explore");
        waitImages("#plots img", 3);
        assertThat(((Number) js("const c = document.querySelector('#chart canvas');"
                + " return c ? c.width * c.height : 0")).longValue()).isPositive();
        assertThat((String) js("return document.querySelector('#fit-summary').textContent")).contains("alpha", "beta");
        browser.scrollTo("#explore");
        browser.screenshot("fit");

        click("#explore-logy");
        waitImages("#plots img", 3);
        new org.openqa.selenium.support.ui.Select(browser.visible("#explore-axis")).selectByValue("parameters");
        waitImages("#plots img", 3);
        browser.scrollTo("#chart");
        browser.screenshot("explore-by-size");

        WebElement flops = browser.visible("#budget-flops");
        flops.clear();
        flops.sendKeys("1e21");
        click("#plan-button");
        waitImages("#plan-result img", 1);
        String plan = browser.text("#plan-result");
        assertThat(plan).contains("kaplan-2020", "over-trained-4x", "predicted loss");
        browser.scrollTo("#plan-result");
        browser.screenshot("plan");

        click("input[name=budget-kind][value=dollars]");
        click("#plan-button");
        browser.waitText("#plan-result", "$");
        browser.scrollTo("#plan-result");
        browser.screenshot("plan-in-dollars");

        assertThat(js("return window.__xss === undefined")).isEqualTo(true);
        assertThat(((Number) js("return document.querySelectorAll('main img:not([src^=\"blob:\"])').length"))
                .intValue()).isZero();
        assertThat(((Number) js("return document.querySelectorAll('main script').length")).intValue()).isZero();
        assertThat((String) js("return document.querySelector('#curl').textContent")).contains("curl", "$SCALEPLAN_KEY")
                .doesNotContain(AdminKey.SECRET);

        browser.size(420, 900);
        js("window.scrollTo(0, 0)");
        Path narrow = browser.screenshot("narrow");
        assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
                .as("no horizontal scrolling at 420 px, see " + narrow + "; too wide: " + js("return [...document"
                        + ".querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)"
                        + ".filter(e => !e.closest('.table-wrap, .strategies'))"
                        + ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ')"))
                .isLessThanOrEqualTo(440);

        collect();
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    private static String runs() {
        StringBuilder csv = new StringBuilder("externalId,parameters,tokens,loss,dataset\n");
        Random random = new Random(11);
        int i = 0;
        // Besiroglu et al. 2024's corrected Chinchilla law with 1% log-normal noise.
        for (double n = 5e7; n <= 2.5e9; n *= 2.2) {
            for (double ratio : new double[] {5, 10, 20, 40, 80}) {
                double d = n * ratio;
                double loss = BESIROGLU.loss(n, d)
                        * Math.exp(0.01 * random.nextGaussian());
                String id = i == 0 ? XSS_NAME : "sweep/run-" + i;
                String dataset = i == 1 ? XSS_RUN : "web";
                csv.append(quote(id)).append(',').append(n).append(',').append(d).append(',').append(loss)
                        .append(',').append(quote(dataset)).append('\n');
                i++;
            }
        }
        return csv.toString();
    }

    private static String quote(String cell) {
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }

    private static Path csv(String name, String content) throws Exception {
        Path file = Files.createTempDirectory("scaleplan-upload").resolve(name);
        Files.writeString(file, content);
        return file.toAbsolutePath();
    }

    private void click(String css) {
        browser.waiting()
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    private void type(String css, String text) {
        WebElement input = browser.visible(css);
        input.clear();
        input.sendKeys(text);
    }

    private List<String> cellTexts() {
        return browser.driver.findElements(By.cssSelector("#runs-table td")).stream().map(WebElement::getText).toList();
    }

    private void waitImages(String css, int count) {
        try {
            browser.waiting().until(d -> loadedImages(css) == count);
        } catch (RuntimeException e) {
            browser.screenshot("failed-waiting-for-images");
            throw new AssertionError(count + " loaded images never appeared at " + css + " (" + loadedImages(css)
                    + " did); page error: " + browser.text("#error") + "; console: " + browser.consoleErrors(), e);
        }
    }

    private long loadedImages(String css) {
        return ((Number) js("return [...document.querySelectorAll(arguments[0])]"
                + ".filter(i => i.complete && i.naturalWidth > 0).length", css)).longValue();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver).executeScript(script, args);
    }

    private void collect() {
        consoleErrors.addAll(browser.consoleErrors());
    }

    /** After the bad upload, the one expected console entry is the failed load of its 400; anything else counts. */
    private void expectOnlyFailedLoads(int status) {
        for (String error : browser.consoleErrors()) {
            if (!(error.contains("/runs") && error.contains("status of " + status))) {
                consoleErrors.add(error);
            }
        }
    }
}
