package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
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

/**
 * Headless Chromium driven by chromedriver (Debian's {@code chromium} and {@code chromium-driver}; {@code ./test}
 * installs them). Without them the browser tests are skipped, except under CI (env {@code CI} set), where they fail.
 * Collects the browser's console log so tests can assert it has no errors, and saves screenshots under
 * {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Selenium warns that it has no DevTools binding for this exact Chromium; nothing here needs one. */
    private static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger(
            "org.openqa.selenium.devtools.CdpVersionFinder");
    private static final Duration WAIT = Duration.ofSeconds(15);

    final ChromeDriver driver;
    private final Path profile;
    private final List<String> console = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with a fresh profile, or skips (fails under CI) when Chromium or chromedriver is missing. */
    static Browser start() {
        Path chromium = Path.of(setting("REACTORY_CHROMIUM", "reactory.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(setting("REACTORY_CHROMEDRIVER", "webdriver.chrome.driver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String message = "the dashboard's browser tests need Chromium (" + chromium + ") and chromedriver ("
                    + chromedriver + "): install them with 'apt-get install -y chromium chromium-driver' (./test does)";
            if (System.getenv("CI") != null) {
                fail(message + " (CI is set, so this fails instead of skipping)");
            }
            Assumptions.abort(message);
        }
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        CDP_LOG.setLevel(Level.OFF);
        Path profile;
        try {
            profile = Files.createTempDirectory("reactory-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--window-size=1440,900", "--lang=en-GB",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        return new Browser(driver, profile);
    }

    private static String setting(String env, String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until the element's text contains {@code text}; returns the element. */
    WebElement text(String css, String text) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.stream().filter(e -> e.getText().contains(text)).findFirst().orElse(null);
        });
    }

    /** Waits (up to 15 s, then fails) until the condition gives something other than null or false. */
    <T> T until(Function<WebDriver, T> condition) {
        AtomicReference<T> result = new AtomicReference<>();
        try {
            await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsMatching(e -> e instanceof org.openqa.selenium.StaleElementReferenceException
                        || e instanceof org.openqa.selenium.NoSuchElementException)
                .until(() -> {
                    T value = condition.apply(driver);
                    result.set(value);
                    return value != null && !Boolean.FALSE.equals(value);
                });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // what the page showed and said is what explains a timeout
            screenshot("failure-" + System.currentTimeMillis());
            throw new AssertionError("waited 15 s in vain at " + driver.getCurrentUrl() + "\npage: "
                    + Requests.cut(String.valueOf(script("return document.body.innerText")), 3000)
                    + "\nconsole: " + drainConsole(), e);
        }
        return result.get();
    }

    /** Chooses an option of a select by its value (as a user would, with a change event). */
    void select(String css, String value) {
        find(css);
        find(css + " option[value=\"" + value + "\"]").click();
    }

    void click(String css) {
        WebElement element = until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() || !found.get(0).isEnabled() ? null : found.get(0);
        });
        element.click();
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The focused element's id (or tag when it has none). */
    String focused() {
        return (String) script("const e = document.activeElement; return e ? (e.id || e.tagName.toLowerCase()) : null;");
    }

    /** Saves the whole page (not only the window) as {@code target/screenshots/NAME.png}. */
    void screenshot(String name) {
        byte[] png;
        try {
            Number width = (Number) script("return Math.max(document.documentElement.scrollWidth, window.innerWidth)");
            Number height = (Number) script("return Math.max(document.documentElement.scrollHeight, window.innerHeight)");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height",
                            Math.min(height.doubleValue(), 6000), "scale", 1)));
            png = java.util.Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException e) {
            png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console entries since the last call (all levels), as "LEVEL message". */
    List<String> drainConsole() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + entry.getMessage());
        }
        List<String> out = List.copyOf(console);
        console.clear();
        return out;
    }

    /** Fails when the browser logged an error (a script error, a refused request, a CSP violation...). */
    void assertNoConsoleErrors() {
        List<String> errors = drainConsole().stream().filter(line -> line.startsWith(Level.SEVERE.getName())).toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover profile in the temp folder is harmless
            }
        }
    }
}
