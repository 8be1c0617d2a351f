package org.credanalytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
