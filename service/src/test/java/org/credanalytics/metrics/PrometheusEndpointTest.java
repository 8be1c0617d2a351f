package org.credanalytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.query.DashboardEndpoint;
import org.credanalytics.rollup.RollupJob;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.ManagedObjects;
import org.credanalytics.testing.PrometheusScrape;
import org.credanalytics.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin {@code /prometheus} page of a running service: format, and every metric family operators rely on. */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class PrometheusEndpointTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            // The rollup job runs only when a test ticks it, so its meters move exactly then.
            ConfigOverride.config("rollup.interval", "1h"));
    static final Instant AT = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    static final String RANGE = "from=2020-01-01&to=2030-01-01";

    private Http api;
    private Http admin;

    @BeforeEach
    void connect() {
        api = new Http(APP.getLocalPort());
        admin = new Http(APP.getAdminPort());
    }

    @Test
    void servesTheTextFormatContentType() {
        Http.Reply reply = admin.get("/prometheus");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(reply.body()).contains("# TYPE analytics_ingest_events_total counter");
    }

    @Test
    void ingestCountsEventsByOutcomeWithBatchSizesAndFlushLatency() {
        PrometheusScrape before = scrape();
        api.post("/v1/events/batch", "application/json", Events.batch("i", 25, 31, AT));
        api.post("/v1/events/batch", "application/json", Events.batch("i", 5, 31, AT)); // all duplicates
        // refused whole: two invalid events, the first with several bad fields
        api.post("/v1/events/batch", "application/json", Events.array(Events.issued("ok", 31, AT),
                "{\"event_type\": \"credential_issued\"}", Events.issued("late", 31, Instant.now().plus(3, ChronoUnit.DAYS))));

        PrometheusScrape after = scrape();

        assertThat(delta(before, after, "analytics_ingest_events_total", "outcome", "accepted")).isEqualTo(25);
        assertThat(delta(before, after, "analytics_ingest_events_total", "outcome", "duplicate")).isEqualTo(5);
        assertThat(delta(before, after, "analytics_ingest_events_total", "outcome", "rejected")).isEqualTo(2);
        assertThat(after.has("analytics_ingest_events_total", "outcome", "failed")).isTrue();
        assertThat(after.has("analytics_ingest_requests_rejected_total", "reason", "queue_full")).isTrue();
        assertThat(delta(before, after, "analytics_ingest_flush_events_sum")).isEqualTo(30);
        assertThat(delta(before, after, "analytics_ingest_flush_events_count")).isEqualTo(2);
        assertThat(after.find("analytics_ingest_flush_events_bucket")).hasSizeGreaterThan(5);
        assertThat(delta(before, after, "analytics_ingest_flush_duration_seconds_count")).isEqualTo(2);
        assertThat(after.has("analytics_ingest_flush_duration_seconds_bucket", "le", "+Inf")).isTrue();
        assertThat(after.value("analytics_ingest_queue_depth_events")).hasValue(0.0);
    }

    @Test
    void everyQueryEndpointHasALatencyHistogramByStatusClass() {
        api.post("/v1/events", "application/json", Events.issued("q-1", 8, AT));
        PrometheusScrape before = scrape();
        for (DashboardEndpoint endpoint : DashboardEndpoint.values()) {
            String path = endpoint.path().replace("{id}", "8") + "?from=2026-01-01&to=2026-02-01";
            assertThat(api.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(api.get("/v1/institutions/8/summary?from=2026-02-01&to=2026-01-01").status()).isEqualTo(400);
        assertThat(api.get("/v1/platform/geo?" + RANGE + "&tz=Europe/Paris").status()).isEqualTo(400);

        PrometheusScrape after = scrape();

        for (String endpoint : Arrays.stream(DashboardEndpoint.values()).map(DashboardEndpoint::metricName).toList()) {
            assertThat(delta(before, after, "analytics_query_duration_seconds_count", "endpoint", endpoint, "status", "2xx"))
                    .as(endpoint).isEqualTo(1);
            assertThat(after.value("analytics_query_duration_seconds_bucket", "endpoint", endpoint, "status", "2xx",
                    "le", "+Inf")).as(endpoint).isPresent();
            assertThat(after.find("analytics_query_duration_seconds_bucket", "endpoint", endpoint, "status", "2xx"))
                    .as("buckets of " + endpoint).hasSizeGreaterThan(10);
            assertThat(after.value("analytics_query_duration_seconds_sum", "endpoint", endpoint, "status", "2xx"))
                    .isPresent();
        }
        assertThat(delta(before, after, "analytics_query_duration_seconds_count", "endpoint", "summary", "status", "4xx"))
                .isEqualTo(1);
        assertThat(delta(before, after, "analytics_query_duration_seconds_count", "endpoint", "platform_geo", "status", "4xx"))
                .isEqualTo(1);
        assertThat(delta(before, after, "analytics_query_duration_seconds_count", "endpoint", "activity", "status", "4xx"))
                .isZero();
    }

    @Test
    void exposesRollupJvmPoolAndJettyFamilies() {
        api.post("/v1/events/batch", "application/json", Events.batch("r", 3, 9, AT));

        PrometheusScrape scrape = scrape();

        for (String name : List.of(
                "analytics_rollup_step_duration_seconds_bucket", "analytics_rollup_step_duration_seconds_count",
                "analytics_rollup_rows_total", "analytics_rollup_ids_total", "analytics_rollup_failures_total",
                "analytics_rollup_folded_events_total",
                "analytics_rollup_lag_ids_events", "analytics_rollup_lag_seconds",
                "jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "jvm_gc_memory_allocated_bytes_total", "process_cpu_usage", "system_cpu_usage", "process_uptime_seconds",
                "io_dropwizard_db_ManagedPooledDataSource_postgresql_active",
                "io_dropwizard_db_ManagedPooledDataSource_postgresql_size",
                "io_dropwizard_db_ManagedPooledDataSource_postgresql_waiting",
                "io_dropwizard_db_ManagedPooledDataSource_postgresql_queries_active",
                "io_dropwizard_jetty_MutableServletContextHandler_requests_count",
                "io_dropwizard_jetty_MutableServletContextHandler_2xx_responses_total",
                "org_eclipse_jetty_util_thread_QueuedThreadPool_dw_utilization",
                "analytics_cluster_citus", "analytics_cluster_skew_ratio",
                "analytics_raw_partitions", "analytics_raw_retained_since_seconds", "analytics_raw_partitions_added_total",
                "analytics_raw_partitions_expired_total", "analytics_raw_partition_maintenance_failures_total")) {
            assertThat(scrape.has(name)).as(name).isTrue();
        }
        assertThat(scrape.value("analytics_raw_partitions").orElseThrow()).as("today's and the days ahead").isGreaterThanOrEqualTo(4);
        assertThat(scrape.value("jvm_threads_live_threads").orElseThrow()).isPositive();
        assertThat(scrape.value("io_dropwizard_db_ManagedPooledDataSource_postgresql_size").orElseThrow()).isPositive();
        // Dropwizard's own jvm.* gauges are not bridged: Micrometer's binders report the JVM once.
        assertThat(scrape.names()).noneMatch(name -> name.startsWith("jvm_memory_heap_"));
    }

    @Test
    void rollupCountersMoveWhenTheJobAggregates() {
        PrometheusScrape before = scrape();
        api.post("/v1/events/batch", "application/json", Events.batch("s", 4, 10, AT));
        rollupTick();

        PrometheusScrape after = scrape();

        assertThat(delta(before, after, "analytics_rollup_ids_total")).isGreaterThanOrEqualTo(4);
        assertThat(delta(before, after, "analytics_rollup_rows_total")).isPositive();
        assertThat(after.value("analytics_rollup_lag_ids_events")).hasValue(0.0);
    }

    /** Runs one rollup tick of the service's own job, so the rollup meters have moved when it returns. */
    private static void rollupTick() {
        ManagedObjects.find(APP, RollupJob.class).tick();
    }

    private PrometheusScrape scrape() {
        Http.Reply reply = admin.get("/prometheus");
        assertThat(reply.status()).isEqualTo(200);
        return PrometheusScrape.parse(reply.body());
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.value(name, labels).orElseThrow(() -> new AssertionError("no sample " + name))
                - before.value(name, labels).orElse(0);
    }
}
