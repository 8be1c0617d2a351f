package org.credanalytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.observability.GrafanaDashboards.Query;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL expression of every dashboard, evaluated by a real Prometheus that scraped the real
 * service (repository scrape config, retargeted) while it served ingest, queries and rollups.
 * Expressions of Citus-only panels must return data on Citus, and nothing on plain PostgreSQL,
 * where their metrics are absent (not zero). The same Prometheus loads and evaluates the
 * repository's alert rules, which must use only metrics the service exports.
 */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class DashboardExpressionsTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("rollup.interval", "200ms"));

    /**
     * Grafana's built-in intervals as Grafana would fill them for a short range with this 1 s
     * scrape interval, rounded up so that every window spans the traffic of the test.
     */
    static final Map<String, String> GRAFANA_VARIABLES = Map.of(
            "$__rate_interval", "1m", "${__rate_interval}", "1m",
            "$__interval", "15s", "${__interval}", "15s",
            "$__range", "10m", "${__range}", "10m");
    private static final Pattern LEFTOVER_VARIABLE = Pattern.compile("\\$\\{?\\w+");
    private static final Pattern METRIC_NAME = Pattern.compile("\\banalytics_\\w+");

    @Test
    void everyDashboardExpressionIsValidAndReturnsData(@TempDir Path dir) throws Exception {
        List<Query> expressions = GrafanaDashboards.queries(GrafanaDashboards.PROMETHEUS_UID);
        assertThat(expressions).hasSizeGreaterThan(20);

        ServiceTraffic traffic = new ServiceTraffic(APP.getLocalPort());
        try (PrometheusServer prometheus = PrometheusServer.start(dir, "127.0.0.1:" + APP.getAdminPort())) {
            prometheus.awaitScrapes(1);
            traffic.drive("prom-a");
            prometheus.awaitScrapes(prometheus.scrapes() + 1);
            traffic.drive("prom-b"); // a second round, so that every rate() sees counters move between scrapes
            // The service runs in this JVM, whose heap is large enough that the test's traffic may never
            // trigger a collection; the GC pause timer only exists after one. rate() needs two samples of
            // it, so two scrapes after the one that may have come before the collection's notification.
            System.gc();
            prometheus.awaitScrapes(prometheus.scrapes() + 3);

            boolean citus = TestDatabase.get().isCitus();
            List<String> problems = new ArrayList<>();
            for (Query query : expressions) {
                String expression = substitute(query.text());
                JsonNode answer = prometheus.query(expression);
                boolean empty = answer.path("data").path("result").isEmpty();
                if (!"success".equals(answer.path("status").asText())) {
                    problems.add(query + ": invalid: " + answer.path("error").asText() + "\n    " + expression);
                } else if (empty && (citus || !query.citusOnly())) {
                    problems.add(query + ": no data\n    " + expression);
                } else if (!empty && !citus && query.citusOnly()) {
                    problems.add(query + ": data on plain PostgreSQL, where its metrics should be absent\n    "
                            + expression + "\n    " + answer.path("data").path("result"));
                }
            }
            assertThat(expressions).as("Citus-only expressions").anyMatch(Query::citusOnly);
            assertThat(problems).as("dashboard expressions that are invalid or return nothing (of %d)",
                    expressions.size()).isEmpty();
        }
    }

    @Test
    void everyAlertRuleEvaluatesMetricsTheServiceExports(@TempDir Path dir) throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.start(dir, "127.0.0.1:" + APP.getAdminPort())) {
            prometheus.awaitScrapes(2);
            Map<String, JsonNode> rules = rulesEvaluatedAfter(Instant.now(), prometheus);

            assertThat(rules).containsKeys("AnalyticsNodeWithoutSynchronousStandby", "AnalyticsReplicationLagHigh");
            for (JsonNode rule : rules.values()) {
                Matcher metric = METRIC_NAME.matcher(rule.path("query").asText());
                assertThat(metric.find()).as(rule.path("query").asText()).isTrue();
                do {
                    assertThat(prometheus.query(metric.group()).path("data").path("result"))
                            .as(rule.path("name").asText() + " uses " + metric.group()).isNotEmpty();
                } while (metric.find());
            }
            // The suite's database nodes have no standbys: one pending alert per node, and no lag.
            JsonNode alone = rules.get("AnalyticsNodeWithoutSynchronousStandby");
            assertThat(alone.path("state").asText()).as(alone.toString()).isIn("pending", "firing");
            assertThat(alone.path("alerts")).as(alone.toString())
                    .hasSize(prometheus.query("analytics_replication_standbys").path("data").path("result").size())
                    .allSatisfy(alert -> assertThat(alert.path("labels").path("node").asText()).isNotBlank());
            assertThat(rules.get("AnalyticsReplicationLagHigh").path("state").asText()).isEqualTo("inactive");
        }
    }

    /** Every rule by name, once each was evaluated after {@code since}; fails on a rule that errs. */
    private static Map<String, JsonNode> rulesEvaluatedAfter(Instant since, PrometheusServer prometheus)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<String, JsonNode> rules = new TreeMap<>();
            prometheus.rules().path("data").path("groups")
                    .forEach(group -> group.path("rules").forEach(rule -> rules.put(rule.path("name").asText(), rule)));
            assertThat(rules).as("rules loaded from prometheus.yml's rule_files").isNotEmpty();
            rules.values().forEach(rule -> assertThat(rule.path("health").asText()).as(rule.toString()).isNotEqualTo("err"));
            boolean evaluated = rules.values().stream().allMatch(rule -> "ok".equals(rule.path("health").asText())
                    && OffsetDateTime.parse(rule.path("lastEvaluation").asText()).toInstant().isAfter(since));
            if (evaluated) {
                return rules;
            }
            assertThat(System.nanoTime()).as("rules not all evaluated within 30 s: " + rules).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static String substitute(String expression) {
        String result = expression;
        for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
            result = result.replace(variable.getKey(), variable.getValue());
        }
        Matcher leftover = LEFTOVER_VARIABLE.matcher(result);
        if (leftover.find()) {
            throw new AssertionError("unknown Grafana variable " + leftover.group() + " in " + expression);
        }
        return result;
    }
}
