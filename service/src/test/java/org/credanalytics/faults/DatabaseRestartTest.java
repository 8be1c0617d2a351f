package org.credanalytics.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credanalytics.faults.Outages.assertUnavailable;
import static org.credanalytics.faults.Outages.awaitStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.ServiceProcess;
import org.credanalytics.testing.StoredEvents;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stops PostgreSQL under load (a fast shutdown, then an immediate one, as a crash would) and
 * starts it again on the same port. While it is down, ingest and queries answer 503 with
 * {@code Retry-After}, within the ack timeout; afterwards the service recovers by itself, and
 * every acknowledged event is stored exactly once. Uses its own PostgreSQL cluster, whatever
 * database the rest of the suite runs on, because it stops and starts the server.
 */
class DatabaseRestartTest {
    static final String PREFIX = "restart-";
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    /** Far above the ack timeout: a request that runs into it has hung. */
    static final Duration CLIENT_TIMEOUT = ACK_TIMEOUT.plusSeconds(25);
    static final String QUERY = "/v1/institutions/1/summary?from=2020-01-01&to=2030-01-01";
    static final String PLATFORM_QUERY = "/v1/platform/institutions?from=2020-01-01&to=2030-01-01";

    private static LocalPostgres postgres;
    private static Jdbi jdbi;

    @BeforeAll
    static void startDedicatedPostgres() throws Exception {
        postgres = LocalPostgres.throwaway("analytics_restart");
        postgres.start();
        jdbi = Jdbi.create(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, postgres.password().value());
    }

    @AfterAll
    static void stopPostgres() {
        postgres.stop();
    }

    @Test
    void answers503WhileDownRecoversAloneAndLosesNothingAcknowledged() throws Exception {
        long seed = Long.getLong("faults.seed", 20261202L);
        System.out.println("DatabaseRestartTest seed=" + seed + " (rerun with -Dfaults.seed=" + seed + ")");
        List<String> probes = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.on(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, postgres.password().value(),
                "ackTimeout: " + ACK_TIMEOUT.toSeconds() + "s", "enabled: true\ninterval: 200ms")) {
            service.start();
            ApiClient client = new ApiClient(service.port(), CLIENT_TIMEOUT);
            try (IngestLoad load = new IngestLoad(PREFIX, 3, 100, service.port(), seed)) {
                for (String shutdown : List.of("fast", "immediate")) {
                    int before = load.acknowledgedBatches();
                    load.await("20 more acknowledged batches", () -> load.acknowledgedBatches() >= before + 20);
                    int refusedBefore = load.refusals().getOrDefault(503, 0);
                    if (shutdown.equals("fast")) {
                        postgres.stop();
                    } else {
                        postgres.kill();
                    }

                    String probeBatch = Events.batch(PREFIX + "probe-" + shutdown, 10, 1,
                            java.time.Instant.now().minusSeconds(60));
                    assertUnavailable(client.postJson("/v1/events/batch", probeBatch));
                    assertUnavailable(client.get(QUERY));
                    assertUnavailable(client.get(PLATFORM_QUERY));
                    assertThat(service.healthStatus()).as("health while the database is down").isNotEqualTo(200);
                    load.await("the load clients to be refused with 503",
                            () -> load.refusals().getOrDefault(503, 0) > refusedBefore);

                    postgres.start();
                    awaitStatus("healthy again", 200, service::healthStatus);
                    awaitStatus("ingest again", 200, () -> client.postJson("/v1/events/batch", probeBatch).status());
                    awaitStatus("queries again", 200, () -> client.get(QUERY).status());
                    for (int i = 0; i < 10; i++) {
                        probes.add(PREFIX + "probe-" + shutdown + "-" + i);
                    }
                }
                int beforeEnd = load.acknowledgedBatches();
                load.await("ingestion at load after the restarts", () -> load.acknowledgedBatches() >= beforeEnd + 20);
                load.finish();

                System.out.println("DatabaseRestartTest: " + load.acknowledgedIds().size() + " events acknowledged, "
                        + load.retriedIds().size() + " re-sent, refusals " + load.refusals()
                        + ", requests without an answer " + load.lostConnections());
                assertThat(load.refusals().keySet()).as("statuses the clients got besides 2xx").isSubsetOf(429, 503);
                assertThat(load.lostConnections()).as("requests without any answer").isZero();
                List<String> acknowledged = new ArrayList<>(load.acknowledgedIds());
                acknowledged.addAll(probes);
                new StoredEvents(jdbi).assertStoredExactlyOnce(PREFIX, acknowledged);
            }
        }
    }
}
