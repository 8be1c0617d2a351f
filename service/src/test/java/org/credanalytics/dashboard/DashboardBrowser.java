package org.credanalytics.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class, driven through the installed chromedriver (never
 * Selenium Manager, which would go to the network), with a throwaway profile and the browser
 * console recorded. Reads the dashboard the way its test needs it: every number's data-metric and
 * data-value, and how much of each chart's canvas was painted.
 */
final class DashboardBrowser implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /** Every element with data-metric, with the row or stage it belongs to. */
    private static final String READ_METRICS = """
            return Array.from(document.querySelectorAll('[data-metric]')).map(function (el) {
              var row = el.closest('tr');
              var table = el.closest('table');
              return {metric: el.dataset.metric, value: el.getAttribute('data-value'),
                      table: table ? table.id : null,
                      location: row ? row.getAttribute('data-location') : null,
                      type: row ? row.getAttribute('data-credential-type') : null,
                      period: row ? row.getAttribute('data-period') : null};
            });""";

    /**
     * Per chart container: its canvas size, its painted (non-transparent) pixels, and its pixels
     * within a few levels of the given colour (arguments[0]: chart name to [r, g, b]).
     */
    private static final String READ_CANVASES = """
            var colors = arguments[0];
            return Array.from(document.querySelectorAll('[data-chart]')).map(function (el) {
              var name = el.getAttribute('data-chart');
              var canvas = el.querySelector('canvas');
              if (!canvas || canvas.width === 0 || canvas.height === 0) {
                return {chart: name, width: 0, height: 0, painted: 0, colored: 0};
              }
              var data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              var color = colors[name] || [0, 0, 0];
              var painted = 0, colored = 0;
              for (var i = 0; i < data.length; i += 4) {
                if (data[i + 3] === 0) continue;
                painted++;
                if (data[i + 3] > 240 && Math.abs(data[i] - color[0]) < 8 && Math.abs(data[i + 1] - color[1]) < 8
                    && Math.abs(data[i + 2] - color[2]) < 8) colored++;
              }
              return {chart: name, width: canvas.width, height: canvas.height, painted: painted, colored: colored};
            });""";

    private final Path profile;
    private final ChromeDriver driver;

    private DashboardBrowser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    static DashboardBrowser start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("dashboard-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1600", "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
        return new DashboardBrowser(profile, driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens the URL as a new document (a fragment-only change of the same page would not reload it). */
    /** Opens {@code url} in a tab that holds no token from an earlier test (the page keeps it in sessionStorage). */
    void open(String url) {
        URI page = URI.create(url);
        driver.get(page.resolve("/dashboard/assets/dashboard.css").toString());
        ((JavascriptExecutor) driver).executeScript("window.sessionStorage.clear()");
        driver.get("about:blank");
        consoleEntries();
        driver.get(url);
    }

    /** Waits for body[data-state] to be one of the states and returns it. */
    String awaitState(String... states) {
        List<String> wanted = List.of(states);
        return new WebDriverWait(driver, PATIENCE).withMessage(() -> "body[data-state] in " + wanted + ", was " + state())
                .until(d -> wanted.contains(state()) ? state() : null);
    }

    String state() {
        return driver.findElement(By.tagName("body")).getDomAttribute("data-state");
    }

    String bodyData(String name) {
        return driver.findElement(By.tagName("body")).getDomAttribute("data-" + name);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> metrics() {
        return (List<Map<String, Object>>) driver.executeScript(READ_METRICS);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> canvases(Map<String, int[]> seriesColors) {
        Map<String, List<Integer>> colors = new java.util.HashMap<>();
        seriesColors.forEach((chart, rgb) -> colors.put(chart, List.of(rgb[0], rgb[1], rgb[2])));
        return (List<Map<String, Object>>) driver.executeScript(READ_CANVASES, colors);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The console entries since the last call (reading them empties the browser's buffer). */
    List<LogEntry> consoleEntries() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** Emulates a phone-sized screen (CSS pixels); {@link #desktop()} undoes it. */
    void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page, beyond the viewport (Chrome DevTools' capture). */
    @SuppressWarnings("unchecked")
    void fullPageScreenshot(Path file) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                "width", ((Number) size.get("width")).doubleValue(), "height", ((Number) size.get("height")).doubleValue());
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a leftover profile in the temp folder is harmless
            }
        }
    }
}
