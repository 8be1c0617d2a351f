package org.credanalytics.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.credanalytics.rollup.RollupJob;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.ServiceProcess;
import org.credanalytics.testing.StoredEvents;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kills the service with SIGKILL twice while clients ingest at load, once while a rollup step is
 * running, and restarts it on the same database each time. Clients re-send every batch that got
 * no 2xx with the same event ids. Every acknowledged event must be stored exactly once, and once
 * the rollup job has caught up, every rollup table must equal the aggregate of the raw events.
 */
@ExtendWith(CleanDatabase.class)
class ServiceCrashTest {
    static final String PREFIX = "crash-";
    private static final int BACKLOG = 150_000;

    private final TestDatabase db = TestDatabase.get();
    private final StoredEvents stored = new StoredEvents(db.jdbi());
    private ServiceProcess service;
    private IngestLoad load;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (load != null) {
            load.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void acknowledgedEventsSurviveKillNineAndRollupsEqualRawAggregates() throws Exception {
        long seed = Long.getLong("faults.seed", 20261202L);
        System.out.println("ServiceCrashTest seed=" + seed + " (rerun with -Dfaults.seed=" + seed + ")");
        service = ServiceProcess.on(db.url(), db.user(), db.password(),
                "ackTimeout: 20s\nqueueCapacity: 50000", "enabled: true\ninterval: 100ms");
        service.start();
        load = new IngestLoad(PREFIX, 4, 100, service.port(), seed);

        // Kill 1: in the middle of ingestion at load.
        load.await("30 acknowledged batches", () -> load.acknowledgedBatches() >= 30);
        assertThat(service.killNine()).as("exit status after SIGKILL").isEqualTo(ServiceProcess.KILLED_BY_SIGKILL);
        List<String> acknowledgedBeforeKill = load.acknowledgedIds();
        stored.assertEachStoredOnce(PREFIX, acknowledgedBeforeKill);

        service.start();
        int afterRestart = load.acknowledgedBatches();
        load.await("ingestion to resume after the restart", () -> load.acknowledgedBatches() >= afterRestart + 30);

        // Kill 2: while a rollup step aggregates a large backlog (and ingestion goes on).
        insertBacklog();
        load.await("a rollup step running in the service", this::rollupStatementRunning);
        assertThat(service.killNine()).as("exit status after SIGKILL").isEqualTo(ServiceProcess.KILLED_BY_SIGKILL);
        System.out.println("Killed during a rollup step; rollup progress " + rollupProgress()
                + " of max id " + db.count("SELECT max(id) FROM analytics_events"));
        stored.assertEachStoredOnce(PREFIX, load.acknowledgedIds());

        service.start();
        int afterSecondRestart = load.acknowledgedBatches();
        load.await("ingestion to resume after the second restart", () -> load.acknowledgedBatches() >= afterSecondRestart + 30);
        load.finish();

        System.out.println("ServiceCrashTest: " + load.acknowledgedIds().size() + " events acknowledged, "
                + load.retriedIds().size() + " re-sent, refusals " + load.refusals()
                + ", requests without an answer " + load.lostConnections());
        assertThat(load.lostConnections()).as("requests cut off by the kills").isPositive();
        assertThat(load.retriedIds()).as("events that were re-sent").isNotEmpty();
        stored.assertStoredExactlyOnce(PREFIX, load.acknowledgedIds());
        assertThat(db.count("SELECT count(*) FROM analytics_events"))
                .isEqualTo(BACKLOG + load.acknowledgedIds().size());

        stored.awaitRollupCaughtUp();
        stored.assertRollupsEqualRawAggregates();
    }

    /** Stored directly, in one transaction: a backlog that makes the next rollup step take a while. */
    private void insertBacklog() {
        db.createPartitions(Instant.now().minus(Duration.ofDays(3)), Instant.now());
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO analytics_events (event_id, event_type, institution_id, issued_at, metadata)
                SELECT 'backlog-' || n,
                       (ARRAY['credential_issued', 'credential_viewed', 'credential_shared'])[1 + n % 3],
                       1 + n % 20, now() - make_interval(secs => n % 259200),
                       CASE WHEN n % 3 = 0 THEN jsonb_build_object('credential_type', 'Backlog', 'recipient_id', 'r-' || n % 1000,
                                                                   'recipient_location', 'US', 'processing_time_ms', n % 3000)
                            ELSE '{}'::jsonb END
                FROM generate_series(1, :count) AS n""").bind("count", BACKLOG).execute());
    }

    private boolean rollupStatementRunning() {
        return db.count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE application_name = ? AND state = 'active' AND query ~ 'INSERT INTO'""",
                RollupJob.CONNECTION_NAME) > 0;
    }

    private long rollupProgress() {
        return db.count("SELECT COALESCE(max(last_id), 0) FROM rollup_progress WHERE name = 'events'");
    }
}
