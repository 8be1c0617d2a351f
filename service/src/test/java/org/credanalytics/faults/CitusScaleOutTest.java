package org.credanalytics.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.JsonNode;
import org.credanalytics.testing.ServiceProcess;
import org.credanalytics.testing.StoredEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scale-out on Citus while ingest runs: a third worker joins, {@code POST /v1/cluster/rebalance}
 * moves shards to it online, and the clients see nothing but 2xx, 429 or 503 meanwhile. Every
 * acknowledged event is stored exactly once, every worker ends up with shards, and the rollups
 * equal the raw events. Runs on a Citus cluster of its own, because it changes the cluster's shape.
 */
class CitusScaleOutTest {
    static final String PREFIX = "scale-";
    /** Enough tenants that each of the 6 shards holds about the same number of events. */
    static final int INSTITUTIONS = 600;
    @RegisterExtension
    static final OwnCitusCluster CITUS = new OwnCitusCluster("analytics_scale_out",
            "adding workers and moving shards needs a Citus cluster");

    @Test
    void aWorkerAddedAndRebalancedUnderLoadGetsShardsAndNothingIsLost() throws Exception {
        long seed = Long.getLong("faults.seed", 13L);
        System.out.println("CitusScaleOutTest seed=" + seed + " (rerun with -Dfaults.seed=" + seed + ")");
        try (ServiceProcess service = CITUS.service("ackTimeout: 10s")) {
            service.start();
            ApiClient client = new ApiClient(service.port(), Duration.ofSeconds(60));
            try (IngestLoad load = new IngestLoad(PREFIX, 3, 100, service.port(), seed, INSTITUTIONS)) {
                load.await("20 acknowledged batches", () -> load.acknowledgedBatches() >= 20);
                assertThat(nodesWithShards(client)).as("shards before the new worker").hasSize(2);
                IngestRate before = IngestRate.over(load, Duration.ofSeconds(3));

                long rebalanceStarted = System.nanoTime();
                int ackedAtStart = load.acknowledgedEvents();
                CITUS.cluster().addWorker();
                JsonNode planned = client.get("/v1/cluster/shards?refresh=true").jsonOrNull();
                assertThat(planned.get("nodes")).as("the new worker is listed, without shards").hasSize(3);
                assertThat(planned.get("rebalance_plan")).as("moves planned onto the new worker").isNotEmpty();
                assertThat(planned.get("skew_ratio").asDouble()).as("skew with an empty worker").isGreaterThan(1.25);
                ApiClient.Reply started = client.postJson("/v1/cluster/rebalance", "");
                assertThat(started.status()).as(started.body()).isEqualTo(202);
                long jobId = started.jsonOrNull().get("job_id").asLong();
                JsonNode job = awaitJobDone(client, jobId);
                assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("finished");
                double rebalanceSeconds = (System.nanoTime() - rebalanceStarted) / 1e9;
                double during = (load.acknowledgedEvents() - ackedAtStart) / rebalanceSeconds;
                IngestRate after = IngestRate.over(load, Duration.ofSeconds(3));
                System.out.printf("CitusScaleOutTest: the worker joined and the rebalance finished in %.1f s;"
                        + " ingest %.0f events/s before, %.0f during, %.0f after%n",
                        rebalanceSeconds, before.eventsPerSecond(), during, after.eventsPerSecond());

                int afterMove = load.acknowledgedBatches();
                load.await("20 more acknowledged batches", () -> load.acknowledgedBatches() >= afterMove + 20);
                load.finish();

                System.out.println("CitusScaleOutTest: " + load.acknowledgedIds().size() + " events acknowledged, "
                        + load.retriedIds().size() + " re-sent, refusals " + load.refusals()
                        + ", requests without an answer " + load.lostConnections());
                assertThat(load.refusals().keySet()).as("statuses besides 2xx").isSubsetOf(429, 503);
                assertThat(load.unavailableWithoutRetryAfter()).as("503 answers without Retry-After").isZero();
                assertThat(load.lostConnections()).as("requests without any answer").isZero();
                StoredEvents stored = new StoredEvents(CITUS.jdbi());
                stored.assertStoredExactlyOnce(PREFIX, load.acknowledgedIds());

                JsonNode shards = client.get("/v1/cluster/shards?refresh=true").jsonOrNull();
                List<JsonNode> nodes = nodesWithShards(client);
                assertThat(nodes).as("nodes with shards after the rebalance: " + shards).hasSize(3);
                assertThat(nodes).extracting(n -> n.get("shard_count").asInt()).as("an even spread")
                        .containsOnly(nodes.get(0).get("shard_count").asInt());
                assertThat(shards.get("rebalance_plan")).as("nothing left to move").isEmpty();
                System.out.println("CitusScaleOutTest: after the rebalance " + shards.get("nodes") + ", skew_ratio " + shards.get("skew_ratio"));
                assertThat(shards.get("skew_ratio").asDouble()).as("bytes per node, max over mean").isBetween(1.0, 1.25);

                stored.awaitRollupCaughtUp();
                stored.assertRollupsEqualRawAggregates();
                assertLeaderboardEqualsRawCounts(client);
            }
        }
    }

    /** What the platform dashboard answers equals the raw events, per institution. */
    private static void assertLeaderboardEqualsRawCounts(ApiClient client) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode board = client.get("/v1/platform/institutions?from=" + today.minusDays(4) + "&to=" + today.plusDays(1)
                + "&limit=1000").jsonOrNull();
        Map<Long, Long> answered = new TreeMap<>();
        board.get("institutions").forEach(i -> answered.put(i.get("institution_id").asLong(), i.get("events").asLong()));
        Map<Long, Long> raw = CITUS.jdbi().withHandle(h -> h.createQuery(
                        "SELECT institution_id, count(*) AS n FROM analytics_events GROUP BY 1")
                .reduceRows(new TreeMap<>(), (map, row) -> {
                    map.put(row.getColumn("institution_id", Long.class), row.getColumn("n", Long.class));
                    return map;
                }));
        assertThat(answered).as("events per institution, dashboard vs raw events").hasSize(INSTITUTIONS).isEqualTo(raw);
    }

    /** Events acknowledged per second over a window of the running load. */
    private record IngestRate(double eventsPerSecond) {
        static IngestRate over(IngestLoad load, Duration window) throws InterruptedException {
            int start = load.acknowledgedEvents();
            Thread.sleep(window.toMillis());
            return new IngestRate((load.acknowledgedEvents() - start) / (window.toMillis() / 1000.0));
        }
    }

    private static List<JsonNode> nodesWithShards(ApiClient client) throws Exception {
        JsonNode shards = client.get("/v1/cluster/shards?refresh=true").jsonOrNull();
        List<JsonNode> nodes = new java.util.ArrayList<>();
        shards.get("nodes").forEach(n -> {
            if (n.get("shard_count").asInt() > 0) {
                nodes.add(n);
            }
        });
        return nodes;
    }

    private static JsonNode awaitJobDone(ApiClient client, long jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode job = client.get("/v1/cluster/rebalance").jsonOrNull().get("job");
            assertThat(job.get("job_id").asLong()).isEqualTo(jobId);
            String state = job.get("state").asText();
            if (!List.of("scheduled", "running", "cancelling", "failing").contains(state)) {
                return job;
            }
            assertThat(System.nanoTime()).as("rebalance still " + state + ": " + job).isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
