package org.credanalytics.dashboard;

import static java.time.temporal.ChronoUnit.HOURS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.auth.EmbedTokens;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in a real browser against the real service: the numbers a person sees are
 * the API's, the charts drew, the console stays clean, the token leaves the address bar, and bad
 * links and quiet institutions get their own states.
 */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class DashboardBrowserTest {
    private static final String SIGNING_KEY = "dashboard-browser-test-signing-key-0123456789abcdef";
    private static final long INSTITUTION = 4101;
    private static final long OTHER = 4102;
    private static final long THIRD = 4103;
    private static final long QUIET = 4104;
    private static final List<String> KPIS = List.of(
            "credentials_issued", "unique_recipients", "views", "shares", "avg_processing_time_ms");
    /** The first series colour of each chart (COLORS in charts.js), to tell drawn data from bare axes. */
    private static final Map<String, int[]> SERIES_COLORS = Map.of(
            "issued", new int[] {0x25, 0x63, 0xeb},
            "engagement", new int[] {0x7c, 0x3a, 0xed},
            "funnel", new int[] {0x25, 0x63, 0xeb},
            "types", new int[] {0x25, 0x63, 0xeb});
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("rollup.interval", "200ms"),
            ConfigOverride.config("embed.signingKey", SIGNING_KEY),
            ConfigOverride.config("dashboard.refreshInterval", "2s"));

    private static DashboardBrowser browser;
    private Http http;

    @BeforeAll
    static void startBrowser() {
        browser = DashboardBrowser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void connect() {
        http = new Http(APP.getLocalPort());
        browser.desktop();
    }

    @Test
    void showsTheApiNumbersDrawsEveryChartAndDropsTheToken() {
        int issued = ingestSampleEvents();
        Minted link = mint(INSTITUTION);

        browser.open(url(link.dashboardPath()));
        browser.awaitState("ready");

        Range range = pageRange();
        assertThat(range.granularity()).isEqualTo("day");
        // tomorrow in the page's zone, or today if midnight passed since the page drew
        assertThat(range.to()).isIn(LocalDate.now(range.zone()).plusDays(1), LocalDate.now(range.zone()));
        assertThat(range.from()).isEqualTo(range.to().minusDays(30));
        JsonNode summary = assertKpisMatch(range);
        assertThat(summary.get("credentials_issued").asLong()).isEqualTo(issued);
        assertDetailsMatch(range);
        assertThat(api("credential-types", range, "&limit=10").get("credential_types")).as("more types than shown").hasSize(10);
        awaitChartsPainted();

        assertThat(browser.driver().getCurrentUrl()).doesNotContain("token").doesNotContain(link.token());
        assertThat(browser.driver().getPageSource()).doesNotContain(link.token());
        assertThat(browser.driver().findElement(By.id("freshness")).getText()).matches("As of \\d\\d:\\d\\d:\\d\\d.*");
        assertThat(problems(browser.consoleEntries())).isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("dashboard.png"));

        browser.phone(390, 844);
        new WebDriverWait(browser.driver(), DashboardBrowser.PATIENCE).withMessage("the charts to fit a phone screen")
                .until(d -> Boolean.TRUE.equals(browser.script("""
                        var charts = Array.from(document.querySelectorAll('[data-chart]'));
                        return window.innerWidth < 1280 && charts.every(function (el) {
                          var canvas = el.querySelector('canvas');
                          return canvas && Math.abs(canvas.getBoundingClientRect().width - el.clientWidth) < 2;
                        });""")));
        assertThat(browser.script("return window.innerWidth")).isEqualTo(390L);
        assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no horizontal scroll on a phone").isTrue();
        browser.screenshot(SCREENSHOTS.resolve("dashboard-phone.png"));
        browser.fullPageScreenshot(SCREENSHOTS.resolve("dashboard-phone-full.png"));
        assertThat(problems(browser.consoleEntries())).isEmpty();
    }

    @Test
    void keyboardChoosesTheSevenDayRangeAndWeeks() {
        ingestSampleEvents();
        Minted link = mint(INSTITUTION);
        String[] pathAndFragment = link.dashboardPath().split("#", 2);

        browser.open(url(pathAndFragment[0] + "?tz=Asia/Kolkata#" + pathAndFragment[1]));
        browser.awaitState("ready");
        assertThat(pageRange().zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));

        pressOn("[data-range=\"7d\"]", Keys.ENTER);
        Range week = awaitRange(r -> r.from().equals(r.to().minusDays(7)));
        assertThat(week.zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(week.to()).isEqualTo(LocalDate.now(week.zone()).plusDays(1));
        assertThat(browser.driver().findElement(By.cssSelector("[data-range=\"7d\"]")).getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.driver().findElement(By.cssSelector("[data-range=\"30d\"]")).getDomAttribute("aria-pressed")).isEqualTo("false");
        assertKpisMatch(week);

        pressOn("[data-granularity=\"week\"]", Keys.SPACE);
        Range weekly = awaitRange(r -> r.granularity().equals("week"));
        assertKpisMatch(weekly);
        assertDetailsMatch(weekly);
    }

    @Test
    void refreshesWithoutRedrawingUntilTheNumbersChange() {
        ingestSampleEvents();
        browser.open(url(mint(INSTITUTION).dashboardPath()));
        browser.awaitState("ready");
        awaitChartsPainted();
        Map<String, String> draws = chartDraws();
        String refreshes = browser.bodyData("refreshes");
        String freshness = attribute("#freshness", "data-value");

        new WebDriverWait(browser.driver(), DashboardBrowser.PATIENCE).withMessage("two refreshes")
                .until(d -> Integer.parseInt(browser.bodyData("refreshes")) >= Integer.parseInt(refreshes) + 2);
        assertThat(chartDraws()).as("unchanged answers are not drawn again").isEqualTo(draws);
        assertThat(attribute("#freshness", "data-value")).isGreaterThan(freshness);
        assertThat((Boolean) browser.script("""
                return performance.getEntriesByType('resource').some(function (e) {
                  return e.name.indexOf('/v1/institutions/') >= 0 && e.responseStatus === 304;
                });""")).as("conditional requests answered 304").isTrue();

        long before = Long.parseLong(domValue("summary.credentials_issued"));
        ingest(new SampleEvents(99, "late").add(INSTITUTION, 3, 0, 0, Duration.ofMinutes(1), Duration.ofMinutes(2)).json());
        new WebDriverWait(browser.driver(), DashboardBrowser.PATIENCE).withMessage("the new events on the page")
                .until(d -> Long.parseLong(domValue("summary.credentials_issued")) == before + 3);
        new WebDriverWait(browser.driver(), DashboardBrowser.PATIENCE).withMessage("the activity chart drawn again")
                .until(d -> !chartDraws().get("issued").equals(draws.get("issued")));
        assertThat(problems(browser.consoleEntries())).isEmpty();
    }

    @Test
    void expiredLinkShowsTheErrorAndNoNumbers() {
        ingestSampleEvents();
        String expired = new EmbedTokens(SIGNING_KEY.getBytes(StandardCharsets.UTF_8),
                Clock.fixed(Instant.now().minus(2, HOURS), ZoneOffset.UTC)).mint(INSTITUTION, 1, Duration.ofHours(1));

        browser.open(url("/dashboard/" + INSTITUTION + "#token=" + expired));

        assertErrorState("This dashboard link has expired or is not valid");
        assertThat(browser.driver().getPageSource()).doesNotContain(expired);
        browser.screenshot(SCREENSHOTS.resolve("dashboard-expired.png"));
        assertThat(browser.consoleEntries()).as("the console is recorded: Chrome reports the refused request")
                .anyMatch(e -> e.getLevel() == Level.SEVERE && e.getMessage().contains("401"));
    }

    @Test
    void linkOfAnotherInstitutionShowsTheError() {
        ingestSampleEvents();
        String othersToken = mint(OTHER).token();

        browser.open(url("/dashboard/" + INSTITUTION + "#token=" + othersToken));

        assertErrorState("not valid");
    }

    @Test
    void aReloadOfTheTabKeepsTheDashboardAndAFreshTabNeedsTheLink() {
        ingestSampleEvents();
        browser.open(url(mint(INSTITUTION).dashboardPath()));
        browser.awaitState("ready");
        String issued = domValue("summary.credentials_issued");

        browser.driver().navigate().refresh();
        browser.awaitState("ready");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("token");
        assertThat(domValue("summary.credentials_issued")).isEqualTo(issued);

        browser.open(url("/dashboard/" + INSTITUTION));
        assertErrorState("This dashboard link is missing its access token");
    }

    @Test
    void linkWithoutTokenShowsTheError() {
        ingestSampleEvents();

        browser.open(url("/dashboard/" + INSTITUTION));

        assertErrorState("This dashboard link is missing its access token");
    }

    @Test
    void institutionWithoutEventsShowsTheEmptyState() {
        ingestSampleEvents();
        browser.open(url(mint(QUIET).dashboardPath()));
        browser.awaitState("ready");

        WebElement empty = browser.driver().findElement(By.id("empty"));
        assertThat(empty.isDisplayed()).isTrue();
        assertThat(empty.getText()).contains("No events in this range yet");
        browser.screenshot(SCREENSHOTS.resolve("dashboard-empty.png"));
        assertThat(browser.driver().findElement(By.id("details")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElements(By.cssSelector("canvas"))).isEmpty();
        for (String kpi : List.of("credentials_issued", "unique_recipients", "views", "shares")) {
            assertThat(domValue("summary." + kpi)).as(kpi).isEqualTo("0");
        }
        assertThat(problems(browser.consoleEntries())).isEmpty();
    }

    // ---- the page against the API --------------------------------------------------------------

    private JsonNode assertKpisMatch(Range range) {
        JsonNode summary = api("summary", range, "&compare=previous_period");
        JsonNode comparison = summary.get("comparison");
        Map<String, String> dom = domValues();
        for (String kpi : KPIS) {
            assertSameNumber(dom.get("summary." + kpi), summary.get(kpi), kpi);
            assertSameNumber(dom.get("summary.change_percent." + kpi), comparison.get("change_percent").get(kpi), "change of " + kpi);
            assertSameNumber(dom.get("summary.previous." + kpi), comparison.get("previous").get(kpi), "previous " + kpi);
        }
        return summary;
    }

    private void assertDetailsMatch(Range range) {
        Map<String, String> dom = domValues();
        JsonNode funnel = api("funnel", range, "");
        assertThat(funnel.get("stages")).extracting(s -> s.get("stage").asText()).containsExactly("issued", "viewed", "shared");
        for (JsonNode stage : funnel.get("stages")) {
            String name = stage.get("stage").asText();
            assertSameNumber(dom.get("funnel." + name + ".count"), stage.get("count"), name);
            if (!name.equals("issued")) {
                assertSameNumber(dom.get("funnel." + name + ".rate_from_previous"), stage.get("rate_from_previous"), name + " rate");
            }
            if (name.equals("shared")) {
                assertSameNumber(dom.get("funnel.shared.rate_from_issued"), stage.get("rate_from_issued"), "shared of issued");
            }
        }

        List<Map<String, Object>> metrics = browser.metrics();
        JsonNode geo = api("geo", range, "").get("locations");
        assertThat(geo).hasSizeGreaterThan(3);
        assertRows(metrics, "location", geo, "location", "geo.", List.of("credentials_issued", "unique_recipients"));
        JsonNode types = api("credential-types", range, "&limit=10").get("credential_types");
        assertThat(types).isNotEmpty();
        assertRows(metrics, "type", types, "credential_type", "credential_types.", List.of("credentials_issued"));

        JsonNode points = api("activity", range, "&granularity=" + range.granularity()).get("points");
        assertRows(metrics, "period", points, "period", "activity.",
                List.of("credentials_issued", "unique_recipients", "avg_processing_time_ms", "views", "shares"));
    }

    /** The page's rows (by key, in order) and each of their numbers equal the API's. */
    private static void assertRows(List<Map<String, Object>> metrics, String domKey, JsonNode rows, String apiKey,
                                   String prefix, List<String> fields) {
        Map<String, Map<String, String>> page = new LinkedHashMap<>();
        for (Map<String, Object> m : metrics) {
            String metric = (String) m.get("metric");
            if (m.get(domKey) != null && metric.startsWith(prefix)) {
                page.computeIfAbsent((String) m.get(domKey), k -> new LinkedHashMap<>())
                        .put(metric.substring(prefix.length()), (String) m.get("value"));
            }
        }
        List<String> keys = new ArrayList<>();
        rows.forEach(row -> keys.add(row.get(apiKey).asText()));
        assertThat(page.keySet()).as(prefix + " rows").containsExactlyElementsOf(keys);
        for (JsonNode row : rows) {
            Map<String, String> cells = page.get(row.get(apiKey).asText());
            for (String field : fields) {
                assertSameNumber(cells.get(field), row.get(field), prefix + row.get(apiKey).asText() + " " + field);
            }
        }
    }

    private static void assertSameNumber(String dom, JsonNode api, String what) {
        if (api == null || api.isNull()) {
            assertThat(dom).as(what + " (null in the API)").isEmpty();
        } else {
            assertThat(dom).as(what).isNotNull().isNotEmpty();
            assertThat(Double.parseDouble(dom)).as(what).isEqualTo(api.asDouble());
        }
    }

    private void assertErrorState(String message) {
        browser.awaitState("error");
        WebElement error = browser.driver().findElement(By.id("error"));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getDomAttribute("role")).isEqualTo("alert");
        assertThat(error.getText()).contains(message);
        assertThat(browser.driver().findElement(By.id("content")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElements(By.cssSelector("[data-value]"))).as("numbers on the page").isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("canvas"))).as("charts on the page").isEmpty();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("token");
    }

    private void awaitChartsPainted() {
        new WebDriverWait(browser.driver(), DashboardBrowser.PATIENCE)
                .withMessage(() -> "every chart painted its data: " + browser.canvases(SERIES_COLORS))
                .until(d -> {
                    List<Map<String, Object>> canvases = browser.canvases(SERIES_COLORS);
                    return canvases.size() == SERIES_COLORS.size() && canvases.stream().allMatch(c ->
                            number(c, "width") > 0 && number(c, "height") > 0
                                    && number(c, "painted") > 500 && number(c, "colored") > 50);
                });
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * Institution A's events in the last ten days and a few a month or more ago (the previous
     * period of the 30-day range), and other institutions' events that must not show. Returns
     * A's issued credentials of the last 30 days.
     */
    private int ingestSampleEvents() {
        SampleEvents events = new SampleEvents(17, "dash")
                .add(INSTITUTION, 140, 260, 55, Duration.ofMinutes(5), Duration.ofDays(10))
                .add(INSTITUTION, 30, 40, 6, Duration.ofDays(35), Duration.ofDays(55))
                .add(OTHER, 50, 30, 10, Duration.ofMinutes(5), Duration.ofDays(10))
                .add(THIRD, 25, 10, 2, Duration.ofMinutes(5), Duration.ofDays(20));
        ingest(events.json());
        String last30Days = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(29) + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1);
        new WebDriverWait(browser.driver(), DashboardBrowser.PATIENCE).withMessage("the API to count the sample events")
                .until(d -> http.get("/v1/institutions/" + INSTITUTION + "/summary" + last30Days).json()
                        .get("credentials_issued").asLong() == 140);
        return 140;
    }

    private void ingest(String json) {
        Http.Reply reply = http.post("/v1/events/batch", "application/json", json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private record Minted(String token, String dashboardPath) {
    }

    private Minted mint(long institutionId) {
        Http.Reply reply = http.post("/v1/institutions/" + institutionId + "/embed-tokens", "application/json", "{\"ttl_seconds\": 900}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        Minted minted = new Minted(reply.json().get("token").asText(), reply.json().get("dashboard_path").asText());
        assertThat(minted.dashboardPath()).isEqualTo("/dashboard/" + institutionId + "#token=" + minted.token());
        return minted;
    }

    private record Range(LocalDate from, LocalDate to, ZoneId zone, String granularity) {
        String query() {
            return "?from=" + from + "&to=" + to + "&tz=" + URLEncoder.encode(zone.getId(), StandardCharsets.UTF_8);
        }
    }

    /** The range, zone and granularity the page last drew (body data attributes). */
    private Range pageRange() {
        return new Range(LocalDate.parse(browser.bodyData("from")), LocalDate.parse(browser.bodyData("to")),
                ZoneId.of(browser.bodyData("tz")), browser.bodyData("granularity"));
    }

    private Range awaitRange(java.util.function.Predicate<Range> wanted) {
        return new WebDriverWait(browser.driver(), DashboardBrowser.PATIENCE).withMessage(() -> "the page to draw another range")
                .until(d -> {
                    if (!"ready".equals(browser.state())) {
                        return null;
                    }
                    Range range = pageRange();
                    return wanted.test(range) ? range : null;
                });
    }

    private JsonNode api(String endpoint, Range range, String extra) {
        Http.Reply reply = http.get("/v1/institutions/" + INSTITUTION + "/" + endpoint + range.query() + extra);
        assertThat(reply.status()).as(endpoint + ": " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** Tabs from the top of the page to the element, as a keyboard user would, and presses the key. */
    private void pressOn(String selector, Keys key) {
        WebElement target = browser.driver().findElement(By.cssSelector(selector));
        Actions keyboard = new Actions(browser.driver());
        for (int i = 0; i < 20 && !target.equals(browser.driver().switchTo().activeElement()); i++) {
            keyboard.sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.driver().switchTo().activeElement()).as("focus reached " + selector).isEqualTo(target);
        assertThat(browser.script("return getComputedStyle(document.activeElement).outlineStyle")).as("visible focus").isNotEqualTo("none");
        keyboard.sendKeys(key).perform();
    }

    private Map<String, String> domValues() {
        return browser.metrics().stream()
                .filter(m -> m.get("table") == null)
                .collect(Collectors.toMap(m -> (String) m.get("metric"), m -> (String) m.get("value"), (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * One metric's value, read in one script call: finding the element and then reading it raced
     * with a refresh that redrew it in between (StaleElementReferenceException).
     */
    private String domValue(String metric) {
        return attribute("[data-metric=\"" + metric + "\"]", "data-value");
    }

    private String attribute(String selector, String name) {
        return (String) browser.script("var el = document.querySelector(arguments[0]);"
                + " return el ? el.getAttribute(arguments[1]) : null;", selector, name);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> chartDraws() {
        return (Map<String, String>) browser.script("""
                var draws = {};
                document.querySelectorAll('[data-chart]').forEach(function (el) { draws[el.dataset.chart] = el.dataset.draws || '0'; });
                return draws;""");
    }

    private static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }

    /** Console errors and warnings. */
    private static List<String> problems(List<LogEntry> entries) {
        return entries.stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(e -> e.getLevel() + " " + e.getMessage())
                .toList();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }
}
