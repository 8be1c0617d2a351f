package org.credanalytics.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credanalytics.faults.Outages.assertUnavailable;
import static org.credanalytics.faults.Outages.awaitStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.ServiceProcess;
import org.credanalytics.testing.StoredEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One Citus worker stops during ingest and queries, then starts again. Requests that need its
 * shards answer 503 with {@code Retry-After} within the ack timeout (never a 500, never a hang);
 * single-institution queries for tenants whose shards live on the other worker keep answering
 * 200; nothing acknowledged is lost, and everything recovers without help once the worker is
 * back. Runs on a Citus cluster of its own, because it stops one of its nodes.
 */
class CitusWorkerStopTest {
    static final String PREFIX = "worker-stop-";
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    /** Far above the ack timeout: a request that runs into it has hung. */
    static final Duration CLIENT_TIMEOUT = ACK_TIMEOUT.plusSeconds(25);
    static final String PLATFORM_QUERY = "/v1/platform/institutions?from=2020-01-01&to=2030-01-01";

    @RegisterExtension
    static final OwnCitusCluster CITUS = new OwnCitusCluster("analytics_worker_stop",
            "stopping one worker of several needs a Citus cluster");

    @Test
    void requestsNeedingAStoppedWorkerGet503AndEverythingRecoversWhenItIsBack() throws Exception {
        long seed = Long.getLong("faults.seed", 17L);
        System.out.println("CitusWorkerStopTest seed=" + seed + " (rerun with -Dfaults.seed=" + seed + ")");
        LocalPostgres stopped = CITUS.cluster().workers().get(1);
        List<String> probes = new ArrayList<>();
        try (ServiceProcess service = CITUS.service("ackTimeout: " + ACK_TIMEOUT.toSeconds() + "s")) {
            service.start();
            ApiClient client = new ApiClient(service.port(), CLIENT_TIMEOUT);
            try (IngestLoad load = new IngestLoad(PREFIX, 3, 100, service.port(), seed)) {
                load.await("20 acknowledged batches", () -> load.acknowledgedBatches() >= 20);
                long onStopped = institutionOn(stopped, true);
                long onLive = institutionOn(stopped, false);
                int refusedBefore = load.refusals().getOrDefault(503, 0);

                stopped.stop();

                String probe = Events.batch(PREFIX + "probe", 10, onStopped, Instant.now().minusSeconds(60));
                assertUnavailable(client.postJson("/v1/events/batch", probe));
                assertUnavailable(client.get(summary(onStopped)));
                assertUnavailable(client.get(PLATFORM_QUERY));
                ApiClient.Reply otherTenant = client.get(summary(onLive));
                System.out.println("CitusWorkerStopTest: institution " + onLive + " on the running worker answered "
                        + otherTenant.status() + " while the other worker was down");
                assertThat(otherTenant.status()).as("a tenant whose shards are on the running worker: "
                        + otherTenant.body()).isEqualTo(200);
                load.await("the load clients to be refused with 503",
                        () -> load.refusals().getOrDefault(503, 0) > refusedBefore);

                stopped.start();
                awaitStatus("ingest again", 200, () -> client.postJson("/v1/events/batch", probe).status());
                awaitStatus("queries again", 200, () -> client.get(summary(onStopped)).status());
                awaitStatus("platform queries again", 200, () -> client.get(PLATFORM_QUERY).status());
                for (int i = 0; i < 10; i++) {
                    probes.add(PREFIX + "probe-" + i);
                }
                int afterRestart = load.acknowledgedBatches();
                load.await("ingestion at load after the restart", () -> load.acknowledgedBatches() >= afterRestart + 20);
                load.finish();

                System.out.println("CitusWorkerStopTest: " + load.acknowledgedIds().size() + " events acknowledged, "
                        + load.retriedIds().size() + " re-sent, refusals " + load.refusals()
                        + ", requests without an answer " + load.lostConnections());
                assertThat(load.refusals().keySet()).as("statuses besides 2xx").isSubsetOf(429, 503);
                assertThat(load.lostConnections()).as("requests without any answer").isZero();
                List<String> acknowledged = new ArrayList<>(load.acknowledgedIds());
                acknowledged.addAll(probes);
                StoredEvents stored = new StoredEvents(CITUS.jdbi());
                stored.assertStoredExactlyOnce(PREFIX, acknowledged);
                stored.awaitRollupCaughtUp();
                stored.assertRollupsEqualRawAggregates();
            }
        }
    }

    private static String summary(long institution) {
        return "/v1/institutions/" + institution + "/summary?from=2020-01-01&to=2030-01-01";
    }

    /** An institution of the load whose analytics_events shard is (or is not) on {@code worker}. */
    private static long institutionOn(LocalPostgres worker, boolean onIt) {
        return CITUS.jdbi().withHandle(h -> h.createQuery("""
                        SELECT i FROM generate_series(1, :institutions) AS i
                        JOIN citus_shards s ON s.shardid = get_shard_id_for_distribution_column('analytics_events', i)
                        WHERE s.table_name = 'analytics_events'::regclass AND (s.nodeport = :port) = :on_it
                        ORDER BY i LIMIT 1""")
                .bind("institutions", IngestLoad.INSTITUTIONS).bind("port", worker.port()).bind("on_it", onIt)
                .mapTo(Long.class).one());
    }
}
