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
        WebElement keyInput = visible("#key-input");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(keyInput);
        shot("key");
        keyInput.sendKeys(AdminKey.SECRET);
        click("#key-form button[type=submit]");
        // Other tests share the database: the list is empty (and says so) only when this test runs first.
        browser.waiting().until(d -> (Boolean) js(
                "return !document.querySelector('#projects-empty').hidden"
                        + " || document.querySelectorAll('#project-list li').length > 0"));
        assertThat(js("return sessionStorage.getItem('scaleplan.apiKey')")).isEqualTo(AdminKey.SECRET);
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(AdminKey.SECRET);
        shot("no-projects");

        type("#project-id", "browser-walk");
        type("#project-name", XSS_NAME);
        click("#project-form button[type=submit]");
        waitText("#project-title", XSS_NAME);
        visible("#runs-empty");
        shot("empty-project");

        visible("#runs-file").sendKeys(csv("runs.csv", runs()).toString());
        waitText("#upload-result", "runs stored");
        waitText("#runs-page", "25 runs");
        assertThat(cellTexts()).contains(XSS_RUN, XSS_NAME);
        shot("runs");

        visible("#runs-file").sendKeys(csv("bad.csv", "parameters,tokens,loss\n1e8,2e9,-1\n1e8,oops,2.5\n").toString());
        waitText("#upload-result", "row 1");
        String problem = text("#upload-result");
        assertThat(problem).contains("Nothing from bad.csv was stored", "row 1", "loss", "row 2", "tokens");
        shot("bad-upload");
        expectOnlyFailedLoads(400);

        WebElement bootstrap = visible("#fit-bootstrap");
        bootstrap.clear();
        bootstrap.sendKeys("20");
        click("#fit-button");
        waitText("#fit-progress", "Fitted chinchilla");
        visible("#explore");
        waitImages("#plots img", 3);
        assertThat(((Number) js("const c = document.querySelector('#chart canvas');"
                + " return c ? c.width * c.height : 0")).longValue()).isPositive();
        assertThat((String) js("return document.querySelector('#fit-summary').textContent")).contains("alpha", "beta");
        scrollTo("#explore");
        shot("fit");

        click("#explore-logy");
        waitImages("#plots img", 3);
        new org.openqa.selenium.support.ui.Select(visible("#explore-axis")).selectByValue("parameters");
        waitImages("#plots img", 3);
        scrollTo("#chart");
        shot("explore-by-size");

        WebElement flops = visible("#budget-flops");
        flops.clear();
        flops.sendKeys("1e21");
        click("#plan-button");
        waitImages("#plan-result img", 1);
        String plan = text("#plan-result");
        assertThat(plan).contains("kaplan-2020", "over-trained-4x", "predicted loss");
        scrollTo("#plan-result");
        shot("plan");

        click("input[name=budget-kind][value=dollars]");
        click("#plan-button");
        waitText("#plan-result", "$");
        scrollTo("#plan-result");
        shot("plan-in-dollars");

        assertThat(js("return window.__xss === undefined")).isEqualTo(true);
        assertThat(((Number) js("return document.querySelectorAll('main img:not([src^=\"blob:\"])').length"))
                .intValue()).isZero();
        assertThat(((Number) js("return document.querySelectorAll('main script').length")).intValue()).isZero();
        assertThat((String) js("return document.querySelector('#curl').textContent")).contains("curl", "$SCALEPLAN_KEY")
                .doesNotContain(AdminKey.SECRET);

        browser.size(420, 900);
        js("window.scrollTo(0, 0)");
        Path narrow = shot("narrow");
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

    private WebElement visible(String css) {
        return browser.waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void click(String css) {
        browser.waiting()
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    private void type(String css, String text) {
        WebElement input = visible(css);
        input.clear();
        input.sendKeys(text);
    }

    private String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    private void waitText(String css, String part) {
        try {
            browser.waiting()
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), part));
        } catch (RuntimeException e) {
            shot("failed-waiting-for-" + css.replaceAll("[^a-z]", ""));
            throw new AssertionError("'" + part + "' never appeared in " + css + "; page error: "
                    + text("#error") + "; console: " + browser.consoleErrors(), e);
        }
    }

    private List<String> cellTexts() {
        return browser.driver.findElements(By.cssSelector("#runs-table td")).stream().map(WebElement::getText).toList();
    }

    private void waitImages(String css, int count) {
        try {
            browser.waiting().until(d -> loadedImages(css) == count);
        } catch (RuntimeException e) {
            shot("failed-waiting-for-images");
            throw new AssertionError(count + " loaded images never appeared at " + css + " (" + loadedImages(css)
                    + " did); page error: " + text("#error") + "; console: " + browser.consoleErrors(), e);
        }
    }

    private long loadedImages(String css) {
        return ((Number) js("return [...document.querySelectorAll(arguments[0])]"
                + ".filter(i => i.complete && i.naturalWidth > 0).length", css)).longValue();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver).executeScript(script, args);
    }

    private void scrollTo(String css) {
        js("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", css);
    }

    private Path shot(String name) {
        return browser.screenshot(name);
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
