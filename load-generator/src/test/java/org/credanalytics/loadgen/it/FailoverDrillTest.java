package org.credanalytics.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.credanalytics.db.LocalPostgres;
import org.credanalytics.loadgen.Json;
import org.credanalytics.loadgen.ingest.IngestCommand;
import org.credanalytics.loadgen.ingest.IngestReport;
import org.credanalytics.loadgen.verify.VerifyCommand;
import org.credanalytics.loadgen.verify.VerifyResult;
import org.credanalytics.testing.ServiceProcess;
import org.credanalytics.testing.StoredEvents;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.TestKeys;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover drill, on a database of its own with a synchronous standby: the load generator
 * ingests at 20,000 events/s through the real service; the primary (on Citus: one worker) is
 * killed with SIGKILL and its standby promoted by the harness, as an operator or Patroni would.
 * Then {@code verify} finds every acknowledged event stored exactly once, the rollups and the
 * dashboard equal the raw events, the old primary rejoins as a read-only standby, and the time
 * from the kill to the first acknowledged batch is printed.
 */
class FailoverDrillTest {
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RUN = Duration.ofSeconds(40);
    static final Duration KILL_AFTER = Duration.ofSeconds(12);
    static final int INSTITUTIONS = 200;
    static final String LEADERBOARD = "/v1/platform/institutions?from=2020-01-01&to=2030-01-01&limit=1000";

    @TempDir
    Path dir;

    @Test
    void nothingAcknowledgedIsLostOrDuplicatedWhenThePrimaryIsKilledAndItsStandbyPromoted() throws Exception {
        long seed = Long.getLong("faults.seed", 20261202L);
        System.out.println("FailoverDrillTest seed=" + seed + " (rerun with -Dfaults.seed=" + seed + ")");
        try (FailoverCluster cluster = TestDatabase.citusRequested()
                ? FailoverCluster.citusWorker("analytics_failover") : FailoverCluster.postgres("analytics_failover");
             ServiceProcess service = ServiceProcess.on(cluster.serviceUrl(), LocalPostgres.SUPERUSER, "",
                     "ackTimeout: " + ACK_TIMEOUT.toSeconds() + "s", "enabled: true\ninterval: 500ms")) {
            service.start();
            Jdbi jdbi = Jdbi.create(cluster.serviceUrl(), LocalPostgres.SUPERUSER, "");
            Probe probe = new Probe(service.port(), cluster.institutionOnFailingNode(jdbi, INSTITUTIONS));
            Path report = dir.resolve("report.json");
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            CompletableFuture<IngestReport> ingest = CompletableFuture.supplyAsync(() -> runIngest(service, seed, report, log));
            probe.start();

            Thread.sleep(KILL_AFTER.toMillis());
            long killedAt = System.nanoTime();
            cluster.killPrimary();
            cluster.promoteStandby();
            long promotedAt = System.nanoTime();
            long firstAck = probe.awaitAcknowledgedAfter(killedAt, Duration.ofMinutes(2));
            System.out.printf("FailoverDrillTest (%s): kill -9 -> standby promoted in %d ms -> first 200 in %d ms%n",
                    cluster.name(), TimeUnit.NANOSECONDS.toMillis(promotedAt - killedAt),
                    TimeUnit.NANOSECONDS.toMillis(firstAck - killedAt));
            cluster.assertServiceFollowsNewPrimary(service);

            cluster.rejoinOldPrimary();
            assertThatThrownBy(() -> Jdbi.create(cluster.oldPrimaryUrl(), LocalPostgres.SUPERUSER, "")
                    .useHandle(h -> h.execute("CREATE TABLE split_brain (n int)")))
                    .as("a write on the old primary after it came back").rootCause()
                    .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
            cluster.assertServiceSeesSynchronousStandby(service);
            awaitHealthy(service);

            IngestReport ingested = ingest.get(5, TimeUnit.MINUTES);
            probe.stop();
            Json.write(report, ingested);
            System.out.println("FailoverDrillTest: " + ingested.acked() + " events acknowledged at "
                    + Math.round(ingested.achievedRate()) + "/s, " + ingested.backoffs() + " back-offs, "
                    + ingested.retries() + " retries, " + ingested.failed() + " failed; probe acknowledged "
                    + probe.acknowledged().size() + " of " + probe.sent() + ", statuses " + probe.statuses());
            assertThat(ingested.acked()).as(log.toString(StandardCharsets.UTF_8)).isGreaterThan(100_000);
            assertThat(ingested.failed()).as("batches given up on").isZero();
            assertThat(ingested.rejected()).as("batches refused with a 4xx").isZero();
            assertThat(probe.statuses().keySet()).as("answers during the failover: 503 or 200, never a 500 or none")
                    .isSubsetOf(200, 503);

            VerifyResult verified = VerifyCommand.verify(cluster.serviceUrl(), LocalPostgres.SUPERUSER, "",
                    "analytics_events", null, report, 20);
            verified.print(System.out);
            assertThat(verified.missingCount()).as("acknowledged events lost").isZero();
            assertThat(verified.duplicateCount()).as("events stored twice").isZero();
            assertThat(verified.ok()).isTrue();
            StoredEvents stored = new StoredEvents(jdbi);
            // A probe that got a 503 is not re-sent, and may be stored: its write can commit after the ack timeout.
            stored.assertEachStoredOnce(Probe.PREFIX, probe.acknowledged());
            assertThat(stored.copiesById(Probe.PREFIX)).as("probes stored more than once").allSatisfy((id, copies) ->
                    assertThat(copies).as(id).isEqualTo(1L));
            stored.awaitRollupCaughtUp();
            stored.assertRollupsEqualRawAggregates();
            assertDashboardEqualsRawEvents(service, jdbi);
        }
    }

    /** Every health check passes again: the writer, the rollup job, the query pool and the shard monitor recovered. */
    private static void awaitHealthy(ServiceProcess service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (service.healthStatus() != 200) {
            assertThat(System.nanoTime()).as("the service's health checks after the failover: "
                    + FailoverCluster.healthReport(service)).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static IngestReport runIngest(ServiceProcess service, long seed, Path report, ByteArrayOutputStream log) {
        try {
            return IngestCommand.run(IngestCommand.settingsFrom(
                    "--target", "http://127.0.0.1:" + service.port(), "--rate", "20000",
                    "--duration", RUN.toSeconds() + "s", "--batch-size", "500", "--concurrency", "8",
                    "--institutions", Integer.toString(INSTITUTIONS), "--scenario", "steady",
                    "--seed", Long.toString(seed), "--max-backoffs", "1000", "--report", report.toString(),
                    "--api-key", TestKeys.ADMIN), new PrintStream(log, true, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every institution's totals on the platform leaderboard equal a count over the raw events. */
    private static void assertDashboardEqualsRawEvents(ServiceProcess service, Jdbi jdbi) throws Exception {
        JsonNode leaderboard = new ObjectMapper().readTree(Probe.get(service.port(), LEADERBOARD));
        Map<Long, String> dashboard = new HashMap<>();
        for (JsonNode row : leaderboard.get("institutions")) {
            dashboard.put(row.get("institution_id").asLong(), row.get("credentials_issued").asLong() + " issued, "
                    + row.get("views").asLong() + " views, " + row.get("shares").asLong() + " shares, "
                    + row.get("events").asLong() + " events");
        }
        Map<Long, String> raw = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT institution_id,
                               count(*) FILTER (WHERE event_type = 'credential_issued') || ' issued, '
                               || count(*) FILTER (WHERE event_type = 'credential_viewed') || ' views, '
                               || count(*) FILTER (WHERE event_type = 'credential_shared') || ' shares, '
                               || count(*) || ' events' AS totals
                        FROM analytics_events GROUP BY institution_id""")
                .map((rs, ctx) -> raw.put(rs.getLong(1), rs.getString(2))).list());
        assertThat(dashboard).as("the dashboard's totals per institution").isEqualTo(raw);
    }
}
