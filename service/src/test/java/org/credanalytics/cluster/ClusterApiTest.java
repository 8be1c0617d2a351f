package org.credanalytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.rollup.RollupJob;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.ManagedObjects;
import org.credanalytics.testing.PrometheusScrape;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /v1/cluster} and the shard-balance gauges against the suite's database. The assertions
 * branch on whether that database is a Citus coordinator (citus in pg_extension), so the same
 * tests check the one-node shape on plain PostgreSQL and the sharded shape on Citus.
 */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class ClusterApiTest {
    // Neither the monitor nor the rollup job runs on its own here: snapshots are taken with
    // ?refresh=true and rollups with an explicit tick, so JSON and gauges describe the same moment.
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("cluster.shardMonitorInterval", "1h"),
            ConfigOverride.config("cluster.topTenants", "3"),
            ConfigOverride.config("rollup.interval", "1h"));
    static final Instant AT = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private final boolean citus = TestDatabase.get().isCitus();
    private Http api;
    private Http admin;

    @BeforeEach
    void connect() {
        api = new Http(APP.getLocalPort());
        admin = new Http(APP.getAdminPort());
    }

    @Test
    void shardsDescribeTheNodesTablesAndTopTenants() {
        ingest(101, 30);
        ingest(102, 50);
        ingest(103, 10);
        ingest(104, 20);

        JsonNode shards = refreshedShards();

        assertThat(shards.get("citus").asBoolean()).isEqualTo(citus);
        assertThat(shards.get("observed_at").asText()).isNotBlank();
        JsonNode events = table(shards, "analytics_events");
        assertThat(events).as("analytics_events in " + shards.get("tables")).isNotNull();
        assertThat(events.get("bytes").asLong()).isPositive();
        long tableBytes = sum(shards.get("tables"), "bytes");
        if (citus) {
            // the suite's cluster: two workers, TestDatabase.CITUS_SHARDS shards of every distributed table
            JsonNode nodes = shards.get("nodes");
            assertThat(nodes).as(nodes.toString()).hasSize(2);
            assertThat(nodes).extracting(n -> n.get("node").asText()).allMatch(n -> n.startsWith("127.0.0.1:"));
            assertThat(nodes).extracting(n -> n.get("shard_count").asInt()).as("shards on both workers, evenly")
                    .containsOnly(nodes.get(0).get("shard_count").asInt());
            assertThat(sum(nodes, "shard_count")).as("every distributed table in " + TestDatabase.CITUS_SHARDS + " shards")
                    .isEqualTo(TestDatabase.CITUS_SHARDS * distributedTables());
            assertThat(nodes).extracting(n -> n.get("bytes").asLong()).allMatch(bytes -> bytes > 0);
            assertThat(shards.get("skew_ratio").asDouble()).isGreaterThanOrEqualTo(1.0);
            assertThat(shards.get("rebalance_plan").isArray()).isTrue();
        } else {
            assertThat(shards.get("nodes")).hasSize(1);
            JsonNode node = shards.get("nodes").get(0);
            assertThat(node.get("node").asText()).isEqualTo("local");
            assertThat(node.get("shard_count").asInt()).isEqualTo(shards.get("tables").size());
            assertThat(node.get("bytes").asLong()).isEqualTo(tableBytes);
            assertThat(shards.get("skew_ratio").asDouble()).isEqualTo(1.0);
            assertThat(shards.get("rebalance_plan")).isEmpty();
        }
        // top 3 of 4 tenants, by events; bytes are each one's share of all stored bytes
        JsonNode top = shards.get("top_tenants");
        assertThat(top).extracting(t -> t.get("institution_id").asLong()).containsExactly(102L, 101L, 104L);
        assertThat(top).extracting(t -> t.get("events").asLong()).containsExactly(50L, 30L, 20L);
        assertThat(top.get(0).get("bytes").asLong()).isEqualTo(Math.round(tableBytes * 50.0 / 110));
        assertThat(top.get(2).get("bytes").asLong()).isEqualTo(Math.round(tableBytes * 20.0 / 110));
    }

    @Test
    void tenantEventsCountRolledUpAndRawEventsExactlyOnce() {
        ingest(201, 12);
        assertThat(topEvents(refreshedShards())).containsExactly(12L);

        ManagedObjects.find(APP, RollupJob.class).tick();
        ingest(201, 5, "late");
        ingest(202, 3);

        assertThat(topEvents(refreshedShards())).containsExactly(17L, 3L);
    }

    @Test
    void gaugesCarryTheSameNumbersAsTheJson() {
        ingest(301, 7);
        ingest(302, 4);
        JsonNode shards = refreshedShards();

        PrometheusScrape scrape = PrometheusScrape.parse(admin.get("/prometheus").body());

        assertThat(scrape.value("analytics_cluster_citus")).hasValue(citus ? 1.0 : 0.0);
        assertThat(scrape.value("analytics_cluster_skew_ratio")).hasValue(shards.get("skew_ratio").asDouble());
        assertThat(scrape.value("analytics_cluster_rebalance_moves")).hasValue((double) shards.get("rebalance_plan").size());
        assertThat(scrape.find("analytics_cluster_node_shards")).hasSameSizeAs(shards.get("nodes"));
        for (JsonNode node : shards.get("nodes")) {
            String name = node.get("node").asText();
            assertThat(scrape.value("analytics_cluster_node_shards", "node", name)).hasValue(node.get("shard_count").asDouble());
            assertThat(scrape.value("analytics_cluster_node_bytes", "node", name)).hasValue(node.get("bytes").asDouble());
        }
        assertThat(scrape.find("analytics_cluster_table_bytes")).hasSameSizeAs(shards.get("tables"));
        for (JsonNode table : shards.get("tables")) {
            assertThat(scrape.value("analytics_cluster_table_bytes", "table", table.get("table").asText()))
                    .hasValue(table.get("bytes").asDouble());
        }
        assertThat(scrape.find("analytics_cluster_tenant_events")).hasSize(2);
        for (JsonNode tenant : shards.get("top_tenants")) {
            String id = tenant.get("institution_id").asText();
            assertThat(scrape.value("analytics_cluster_tenant_events", "institution_id", id))
                    .hasValue(tenant.get("events").asDouble());
            assertThat(scrape.value("analytics_cluster_tenant_bytes", "institution_id", id))
                    .hasValue(tenant.get("bytes").asDouble());
        }
    }

    @Test
    void tenantsThatLeaveTheTopListLoseTheirGauges() {
        ingest(401, 5);
        refreshedShards();
        TestDatabase.get().truncateAll();
        ingest(402, 6);

        refreshedShards();
        PrometheusScrape scrape = PrometheusScrape.parse(admin.get("/prometheus").body());

        assertThat(scrape.has("analytics_cluster_tenant_events", "institution_id", "401")).isFalse();
        assertThat(scrape.value("analytics_cluster_tenant_events", "institution_id", "402")).hasValue(6.0);
    }

    static final List<String> TENANT_LOAD_METRICS = List.of("analytics_cluster_tenant_queries",
            "analytics_cluster_tenant_cpu_seconds", "analytics_cluster_tenant_stats_period_seconds");

    @Test
    void tenantLoadGaugesAreAbsentNotZeroOnPlainPostgres() {
        assumeFalse(citus, "plain PostgreSQL only");
        ingest(601, 3);
        api.get("/v1/institutions/601/summary?from=2020-01-01&to=2030-01-01");
        refreshedShards();

        String page = admin.get("/prometheus").body();

        for (String name : TENANT_LOAD_METRICS) {
            assertThat(page).as("no sample, HELP or TYPE line").doesNotContain(name);
        }
    }

    @Test
    void tenantLoadGaugesShowTheTopInstitutionsByCpuAndSumTheRestAsOther() throws InterruptedException {
        assumeTrue(citus, "Citus only");
        // Query counts per institution; 605 also runs one CPU-heavy query, so it ranks first by CPU
        // although it runs the fewest queries. Ingest (COPY) is not attributed to a tenant; these are.
        Map<Long, Integer> queries = Map.of(601L, 5, 602L, 4, 603L, 3, 604L, 2, 605L, 1);
        queries.keySet().forEach(id -> ingest(id, 10));
        int period = (int) TestDatabase.get().count("SELECT current_setting('citus.stat_tenants_period')::int");
        TestDatabase.get().jdbi().useHandle(h -> h.execute("SELECT citus_stat_tenants_reset()"));

        // Citus reports the last complete period: run every query within one, then read in the next.
        awaitNextPeriod(period);
        queries.forEach((id, count) -> {
            for (int i = 0; i < count - (id == 605L ? 1 : 0); i++) {
                TestDatabase.get().count("SELECT count(*) FROM analytics_events WHERE institution_id = ?", id);
            }
        });
        TestDatabase.get().count("SELECT count(*) FROM analytics_events e CROSS JOIN generate_series(1, 50000) g"
                + " WHERE e.institution_id = ?", 605L);
        awaitNextPeriod(period);
        refreshedShards();
        PrometheusScrape scrape = PrometheusScrape.parse(admin.get("/prometheus").body());

        Map<String, Double> queried = byInstitution(scrape, "analytics_cluster_tenant_queries");
        Map<String, Double> cpu = byInstitution(scrape, "analytics_cluster_tenant_cpu_seconds");
        assertThat(queried).as("the top 3 (cluster.topTenants) and \"other\"").hasSize(4)
                .containsKey("other").containsKey("605");
        assertThat(cpu.keySet()).isEqualTo(queried.keySet());
        assertThat(queried.keySet()).isSubsetOf("601", "602", "603", "604", "605", "other");
        double others = 0;
        for (Map.Entry<Long, Integer> institution : queries.entrySet()) {
            Double reported = queried.get(Long.toString(institution.getKey()));
            if (reported == null) {
                others += institution.getValue();
            } else {
                assertThat(reported).as("queries of " + institution.getKey()).isEqualTo(institution.getValue().doubleValue());
            }
        }
        assertThat(queried.get("other")).as("queries of the two institutions outside the top 3").isEqualTo(others);
        assertThat(cpu.values()).allMatch(seconds -> seconds >= 0);
        assertThat(cpu.get("605")).as("the CPU-heavy query ranks first, by CPU")
                .isEqualTo(cpu.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isPositive();
        assertThat(scrape.value("analytics_cluster_tenant_stats_period_seconds")).hasValue((double) period);
    }

    @Test
    void shardsWithoutRefreshAnswerTheLatestSnapshot() {
        JsonNode first = refreshedShards();
        ingest(501, 2);

        JsonNode cached = api.get("/v1/cluster/shards").json();

        assertThat(cached.get("observed_at")).isEqualTo(first.get("observed_at"));
        assertThat(cached.get("top_tenants")).isEmpty();
    }

    @Test
    void rebalanceIsRefusedOnPlainPostgresAndReportsStatusOnCitus() {
        Http.Reply status = api.get("/v1/cluster/rebalance");
        if (citus) {
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().has("job")).isTrue();
            return; // starting a rebalance would move shards of a shared test cluster
        }
        Http.Reply start = api.post("/v1/cluster/rebalance", "application/json", "");
        for (Http.Reply reply : List.of(status, start)) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.header("Content-Type")).startsWith("application/json");
            assertThat(reply.json().get("code").asInt()).isEqualTo(400);
            assertThat(reply.json().get("message").asText()).contains("Citus").contains("plain PostgreSQL");
        }
    }

    @Test
    void dashboardQueriesRunOnTheNodeHoldingTheInstitutionsShard() {
        ingest(701, 4);
        ingest(702, 3);
        String metric = "analytics_query_node_queries_total";
        if (!citus) {
            api.get("/v1/institutions/701/summary?from=2020-01-01&to=2030-01-01");
            assertThat(admin.get("/prometheus").body()).as("one node: no routing to count").doesNotContain(metric);
            return;
        }
        String owner = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("SELECT nodename || ':' || nodeport"
                + " FROM citus_shards WHERE shardid = get_shard_id_for_distribution_column('analytics_events', 701)")
                .mapTo(String.class).one());
        Map<String, Double> before = byNode(metric);

        JsonNode summary = api.get("/v1/institutions/701/summary?from=2020-01-01&to=2030-01-01").json();
        Map<String, Double> afterSummary = byNode(metric);
        List<Long> leaders = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // the coordinator and both workers, one turn each
            JsonNode board = api.get("/v1/platform/institutions?from=2020-01-01&to=2030-01-01").json();
            leaders.add(board.get("institutions").get(0).get("institution_id").asLong());
        }
        Map<String, Double> afterPlatform = byNode(metric);

        assertThat(summary.get("credentials_issued").asLong()).isEqualTo(4);
        assertThat(delta(before, afterSummary)).as("the summary, on its shard's worker").isEqualTo(Map.of(owner, 1.0));
        assertThat(leaders).as("every node answers the same").containsOnly(701L);
        assertThat(delta(afterSummary, afterPlatform)).as("platform queries, one per node in turn").hasSize(3)
                .containsKey("coordinator").containsKey(owner).allSatisfy((node, count) -> assertThat(count).isEqualTo(1.0));
    }

    private Map<String, Double> byNode(String metric) {
        Map<String, Double> values = new TreeMap<>();
        PrometheusScrape.parse(admin.get("/prometheus").body()).find(metric)
                .forEach(sample -> values.put(sample.labels().get("node"), sample.value()));
        return values;
    }

    private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> changed = new TreeMap<>();
        after.forEach((node, count) -> {
            double difference = count - before.getOrDefault(node, 0.0);
            if (difference != 0) {
                changed.put(node, difference);
            }
        });
        return changed;
    }

    /** Sleeps into the next citus_stat_tenants period; periods start at multiples of the period since the epoch. */
    private static void awaitNextPeriod(int periodSeconds) throws InterruptedException {
        long periodMillis = periodSeconds * 1000L;
        Thread.sleep(periodMillis - System.currentTimeMillis() % periodMillis + 200);
    }

    private static Map<String, Double> byInstitution(PrometheusScrape scrape, String name) {
        Map<String, Double> values = new TreeMap<>();
        scrape.find(name).forEach(sample -> values.put(sample.labels().get("institution_id"), sample.value()));
        return values;
    }

    private static long distributedTables() {
        return TestDatabase.get().count("SELECT count(*) FROM pg_dist_partition WHERE partmethod = 'h'");
    }

    private JsonNode refreshedShards() {
        Http.Reply reply = api.get("/v1/cluster/shards?refresh=true");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private void ingest(long institutionId, int count) {
        ingest(institutionId, count, "e");
    }

    private void ingest(long institutionId, int count, String prefix) {
        Http.Reply reply = api.post("/v1/events/batch", "application/json",
                Events.batch(prefix + "-" + institutionId, count, institutionId, AT));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("accepted").asInt()).isEqualTo(count);
    }

    private static JsonNode table(JsonNode shards, String name) {
        for (JsonNode table : shards.get("tables")) {
            if (table.get("table").asText().equals(name)) {
                return table;
            }
        }
        return null;
    }

    private static long sum(JsonNode rows, String field) {
        long sum = 0;
        for (JsonNode row : rows) {
            sum += row.get(field).asLong();
        }
        return sum;
    }

    private static List<Long> topEvents(JsonNode shards) {
        List<Long> events = new ArrayList<>();
        shards.get("top_tenants").forEach(t -> events.add(t.get("events").asLong()));
        return events;
    }
}
