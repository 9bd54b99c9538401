package dev.scaleplan.page;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.selenium.BrowserWebDriverContainer;

/**
 * A real Chromium for the page tests: the system one (Debian's {@code chromium} and
 * {@code chromium-driver}, or {@code -Dscaleplan.chromium=… -Dscaleplan.chromedriver=…}) driven
 * directly, so Selenium Manager never downloads anything; else a Testcontainers browser container
 * when Docker is reachable; else none, and the tests are skipped with one loud line.
 *
 * <p>The system Chromium is started once per test JVM and shared by the test classes one after another
 * (each leaves it on a blank page, with its site's storage and cookies cleared and the default window
 * size); it quits when the JVM ends.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;
    private static Browser shared;

    final WebDriver driver;
    final String baseUrl;
    private final AutoCloseable resources;
    private int shots;

    private Browser(WebDriver driver, String baseUrl, AutoCloseable resources) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.resources = resources;
    }

    /**
     * A browser on the service at {@code port}, or the test is skipped (JUnit assumption) with one loud line
     * saying why, when neither Chromium with its driver nor Docker is available.
     */
    static Browser startOrSkip(int port) {
        StringBuilder whyNot = new StringBuilder();
        Browser browser = start(port, whyNot);
        if (browser == null) {
            System.err.println("!!!!! BROWSER TESTS SKIPPED: " + whyNot + " !!!!!");
        }
        Assumptions.assumeTrue(browser != null, "no browser: " + whyNot);
        return browser;
    }

    /** A browser that can reach the server on {@code port}, or null when there is none here (with a reason). */
    private static Browser start(int port, StringBuilder whyNot) {
        File chromium = new File(System.getProperty("scaleplan.chromium", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("scaleplan.chromedriver", "/usr/bin/chromedriver"));
        if (chromium.canExecute() && chromedriver.canExecute()) {
            return sharedLocal(chromium, chromedriver, port);
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (docker) {
            return container(port);
        }
        whyNot.append("no Chromium at ").append(chromium).append(" with a driver at ").append(chromedriver)
                .append(", and no Docker for a browser container (apt-get install chromium chromium-driver)");
        return null;
    }

    private static ChromeOptions options() {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + WIDTH + "," + HEIGHT);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        return options;
    }

    /** The shared system Chromium, started on first use; the returned view's close leaves it clean for the next class. */
    private static synchronized Browser sharedLocal(File chromium, File chromedriver, int port) {
        if (shared == null) {
            shared = local(chromium, chromedriver);
            Browser started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    System.err.println("Chromium did not quit: " + e);
                }
            }, "chromium-quit"));
        }
        shared.consoleErrors(); // drops what an earlier class left in the log
        Browser root = shared;
        return new Browser(root.driver, "http://localhost:" + port, () -> release(root));
    }

    /** Leaves the shared Chromium clean for the next class; one that cannot be cleaned quits, and the next starts anew. */
    private static synchronized void release(Browser root) throws Exception {
        try {
            clean(root.driver);
        } catch (RuntimeException e) {
            System.err.println("Chromium could not be cleaned, so it quits: " + e);
            shared = null;
            root.close();
        }
    }

    /** Clears the current site's storage and cookies, leaves the page and restores the default window size. */
    private static void clean(WebDriver driver) {
        String url = driver.getCurrentUrl();
        if (url != null && url.startsWith("http")) {
            ((JavascriptExecutor) driver).executeScript("localStorage.clear(); sessionStorage.clear();");
        }
        driver.manage().deleteAllCookies();
        driver.get("about:blank");
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
    }

    private static Browser local(File chromium, File chromedriver) {
        try {
            Path profile = Files.createTempDirectory("scaleplan-chromium-profile");
            ChromeOptions options = options();
            options.setBinary(chromium);
            options.addArguments("--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            return new Browser(driver, null, () -> {
                try {
                    driver.quit();
                } finally {
                    deleteTree(profile);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Browser container(int port) {
        org.testcontainers.Testcontainers.exposeHostPorts(port);
        BrowserWebDriverContainer container = new BrowserWebDriverContainer("selenium/standalone-chromium:latest");
        container.start();
        RemoteWebDriver driver = new RemoteWebDriver(container.getSeleniumAddress(), options());
        return new Browser(driver, "http://host.testcontainers.internal:" + port, () -> {
            try {
                driver.quit();
            } finally {
                container.stop();
            }
        });
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a screenshot as target/screenshots/NN-name.png and returns its path. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shots, name));
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Console errors (and failed loads) logged since the last call. */
    List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    /** The element once it is visible. */
    WebElement visible(String css) {
        return waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Clicks the element once it is clickable, scrolled to the middle of the window first. */
    void click(String css) {
        WebElement element = waiting()
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Scrolls the page so that the element's top is at the top of the window (for a screenshot of it). */
    void scrollTo(String css) {
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", css);
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** Waits for {@code part} in the element's text; on time-out saves a screenshot and names the page's errors. */
    void waitText(String css, String part) {
        try {
            waiting()
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), part));
        } catch (RuntimeException e) {
            screenshot("failed-waiting-for-" + css.replaceAll("[^a-z]", ""));
            throw new AssertionError("'" + part + "' never appeared in " + css + "; page error: "
                    + text("#error") + "; console: " + consoleErrors(), e);
        }
    }

    Duration patience() {
        return Duration.ofSeconds(Long.getLong("scaleplan.browser.timeout-seconds", 180));
    }

    /** A wait up to {@link #patience()} that looks every 50 ms (Selenium's default, 500 ms, idles the test). */
    WebDriverWait waiting() {
        return new WebDriverWait(driver, patience(), Duration.ofMillis(50));
    }

    /** Ends this class's use: the shared Chromium is left clean; a browser container stops. */
    @Override
    public void close() throws Exception {
        resources.close();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
