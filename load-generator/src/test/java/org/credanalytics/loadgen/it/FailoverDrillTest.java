package org.credanalytics.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.credanalytics.local.AutoFailoverCluster;
import org.credanalytics.local.LocalPostgres;
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
 * The failover drills, on a pg_auto_failover formation of their own (every node a primary and a
 * synchronous secondary, and a monitor): the load generator ingests through the real service (at
 * 20,000 events/s on PostgreSQL, 5,000 on Citus: see {@link #CITUS_RATE}) while a primary's machine dies (its keeper and PostgreSQL killed with SIGKILL). On
 * PostgreSQL that is the one primary; on Citus a worker's primary, then the coordinator's. Nothing
 * here promotes anything: the monitor does. For each drill: ingest answers 200 again within 30 s
 * (the time is printed), {@code verify} finds every acknowledged event stored exactly once, the
 * rollups and the dashboard equal the raw events, and the old primary, started again, rejoins as
 * a secondary that refuses writes.
 */
class FailoverDrillTest {
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RUN = Duration.ofSeconds(40);
    static final Duration KILL_AFTER = Duration.ofSeconds(12);
    static final Duration FAILOVER_TARGET = Duration.ofSeconds(30);
    static final int INSTITUTIONS = 200;
    /**
     * The load: 20,000 events/s on PostgreSQL; on Citus, where this 2-core machine runs seven
     * servers (a monitor, and a primary and a secondary for the coordinator and each of 2 workers)
     * besides the service and the load generator, 5,000 events/s, about what it holds.
     */
    static final int POSTGRES_RATE = 20_000;
    static final int CITUS_RATE = 5_000;
    static final String LEADERBOARD = "/v1/platform/institutions?from=2020-01-01&to=2030-01-01&limit=1000";

    @TempDir
    Path dir;

    @Test
    void aDeadPrimaryIsReplacedByItsSecondaryWithNothingAcknowledgedLost() throws Exception {
        long seed = Long.getLong("faults.seed", 20261202L);
        System.out.println("FailoverDrillTest seed=" + seed + " (rerun with -Dfaults.seed=" + seed + ")");
        boolean citus = TestDatabase.citusRequested();
        AutoFailoverCluster cluster = AutoFailoverCluster.throwaway("analytics_failover", citus, 2,
                TestDatabase.CITUS_SHARDS, group -> "");
        try (cluster; ServiceProcess service = ServiceProcess.on(cluster.jdbcUrl(), LocalPostgres.SUPERUSER, cluster.password().value(),
                "ackTimeout: " + ACK_TIMEOUT.toSeconds() + "s", "enabled: true\ninterval: 500ms").expectingStandbys()) {
            cluster.start();
            service.start();
            Jdbi jdbi = Jdbi.create(cluster.jdbcUrl(), LocalPostgres.SUPERUSER, cluster.password().value());
            if (citus) {
                drill(cluster, service, jdbi, "worker-1", seed);
                drill(cluster, service, jdbi, "coordinator", seed + 1);
            } else {
                drill(cluster, service, jdbi, "postgres", seed);
            }
        }
    }

    private void drill(AutoFailoverCluster cluster, ServiceProcess service, Jdbi jdbi, String group, long seed)
            throws Exception {
        String oldPrimary = cluster.primaryOf(group);
        Probe probe = new Probe(service.port(), institutionOn(cluster, jdbi, group), "probe-" + group + "-");
        Path report = dir.resolve(group + "-report.json");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rate = group.equals("postgres") ? POSTGRES_RATE : CITUS_RATE;
        CompletableFuture<IngestReport> ingest = CompletableFuture.supplyAsync(() -> runIngest(service, rate, seed, report, log));
        probe.start();

        Thread.sleep(KILL_AFTER.toMillis());
        long killedAt = cluster.killNode(oldPrimary);
        String newPrimary = awaitNewPrimary(cluster, group, oldPrimary);
        long promotedAt = System.nanoTime();
        // Writes go on after the promotion: the outage is the longest time without an acknowledgement.
        probe.awaitAcknowledgedAfter(promotedAt, Duration.ofMinutes(2));
        Thread.sleep(2_000);
        Duration outage = Duration.ofNanos(probe.longestGapAfter(killedAt));
        System.out.printf("FailoverDrillTest (%s): kill -9 of %s -> the monitor promoted %s within %d ms;"
                        + " longest time without a 200 after the kill: %d ms%n", group, oldPrimary, newPrimary,
                TimeUnit.NANOSECONDS.toMillis(promotedAt - killedAt), outage.toMillis());
        assertThat(outage).as("the longest time ingest answered no 200 after the kill").isLessThanOrEqualTo(FAILOVER_TARGET);
        if (group.startsWith("worker")) {
            assertCoordinatorFollows(cluster, jdbi, newPrimary);
        }
        awaitStandbysCheck(service, "node 127.0.0.1:" + cluster.port(newPrimary) + " has no synchronous standby");

        try (ReadWriteWatch watch = ReadWriteWatch.start(cluster.nodeUrl(oldPrimary), cluster.password().value())) {
            cluster.restartNode(oldPrimary);
            cluster.awaitHealthy();
            assertThat(watch.readWriteAnswers()).as("times the old primary answered as a read-write server while"
                    + " it came back (it must wait for the monitor's verdict: on Citus an old coordinator can"
                    + " still commit prepared transactions on the workers)").isZero();
            System.out.println("FailoverDrillTest (" + group + "): the old primary answered " + watch.answers()
                    + " polls while it came back, all as a standby");
        }
        assertThat(cluster.secondaryOf(group)).as("the old primary, started again").isEqualTo(oldPrimary);
        assertThatThrownBy(() -> Jdbi.create(cluster.nodeUrl(oldPrimary), LocalPostgres.SUPERUSER, cluster.password().value())
                .useHandle(h -> h.execute("CREATE TABLE split_brain (n int)")))
                .as("a write on the old primary after it came back").rootCause()
                .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
        awaitHealthy(service);

        IngestReport ingested = ingest.get(5, TimeUnit.MINUTES);
        probe.stop();
        Json.write(report, ingested);
        System.out.println("FailoverDrillTest (" + group + "): offered " + rate + "/s; " + ingested.acked()
                + " events acknowledged at "
                + Math.round(ingested.achievedRate()) + "/s, " + ingested.backoffs() + " back-offs, "
                + ingested.retries() + " retries, " + ingested.failed() + " failed; probe acknowledged "
                + probe.acknowledged().size() + " of " + probe.sent() + ", statuses " + probe.statuses());
        assertThat(ingested.acked()).as(log.toString(StandardCharsets.UTF_8)).isGreaterThan(50_000);
        assertThat(ingested.failed()).as("batches given up on").isZero();
        assertThat(ingested.rejected()).as("batches refused with a 4xx").isZero();
        assertThat(probe.statuses().keySet()).as("answers during the failover: 503 or 200, never a 500 or none")
                .isSubsetOf(200, 503);

        VerifyResult verified = VerifyCommand.verify(cluster.jdbcUrl(), LocalPostgres.SUPERUSER, cluster.password().value(),
                "analytics_events", null, report, 20);
        verified.print(System.out);
        assertThat(verified.missingCount()).as("acknowledged events lost").isZero();
        assertThat(verified.duplicateCount()).as("events stored twice").isZero();
        assertThat(verified.ok()).isTrue();
        StoredEvents stored = new StoredEvents(jdbi);
        // A probe that got a 503 is not re-sent, and may be stored: its write can commit after the ack timeout.
        stored.assertEachStoredOnce(probe.prefix(), probe.acknowledged());
        assertThat(stored.copiesById(probe.prefix())).as("probes stored more than once").allSatisfy((id, copies) ->
                assertThat(copies).as(id).isEqualTo(1L));
        stored.awaitRollupCaughtUp();
        stored.assertRollupsEqualRawAggregates();
        assertDashboardEqualsRawEvents(service, jdbi);
    }

    /** Waits (up to a minute) until the monitor has made the other node of {@code group} its primary. */
    private static String awaitNewPrimary(AutoFailoverCluster cluster, String group, String oldPrimary) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            String primary = cluster.primaryOf(group);
            if (primary != null && !primary.equals(oldPrimary)) {
                return primary;
            }
            assertThat(System.nanoTime()).as("a new primary of " + group + ": " + cluster.reportedStates())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** An institution whose events live on {@code group} (any for the PostgreSQL or the coordinator). */
    private static long institutionOn(AutoFailoverCluster cluster, Jdbi jdbi, String group) throws SQLException {
        if (!group.startsWith("worker")) {
            return 1;
        }
        int port = cluster.port(cluster.primaryOf(group));
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT i FROM generate_series(1, :institutions) AS i
                        JOIN citus_shards s ON s.shardid = get_shard_id_for_distribution_column('analytics_events', i)
                        WHERE s.table_name = 'analytics_events'::regclass AND s.nodeport = :port
                        ORDER BY i LIMIT 1""")
                .bind("institutions", INSTITUTIONS).bind("port", port).mapTo(Long.class).one());
    }

    /** pg_auto_failover's Citus mode moved the coordinator's entry for the worker's group to its new primary. */
    private static void assertCoordinatorFollows(AutoFailoverCluster cluster, Jdbi jdbi, String newPrimary) {
        int port = jdbi.withHandle(h -> h.createQuery("SELECT nodeport FROM pg_dist_node WHERE groupid = 1")
                .mapTo(Integer.class).one());
        assertThat(port).as("the coordinator's address of worker 1").isEqualTo(cluster.port(newPrimary));
    }

    /** The service's database-standbys check says that {@code message} (the new primary commits alone). */
    private static void awaitStandbysCheck(ServiceProcess service, String message) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode standbys = new ObjectMapper().readTree(healthReport(service)).get("database-standbys");
            if (!standbys.get("healthy").asBoolean() && standbys.get("message").asText().contains(message)) {
                System.out.println("FailoverDrillTest: database-standbys while the secondary is missing: " + standbys);
                return;
            }
            assertThat(System.nanoTime()).as("database-standbys saying '" + message + "': " + standbys)
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** Polls a node every 20 ms, counting the answers in which it was a read-write server. */
    private static final class ReadWriteWatch implements AutoCloseable {
        private final String url;
        private final String password;
        private final Thread thread;
        private volatile boolean stopped;
        private int answers;
        private int readWriteAnswers;

        private ReadWriteWatch(String url, String password) {
            this.url = url + "?connectTimeout=1&socketTimeout=2";
            this.password = password;
            this.thread = new Thread(this::poll, "read-write-watch");
        }

        static ReadWriteWatch start(String url, String password) {
            ReadWriteWatch watch = new ReadWriteWatch(url, password);
            watch.thread.start();
            return watch;
        }

        private void poll() {
            while (!stopped) {
                try (Connection c = DriverManager.getConnection(url, LocalPostgres.SUPERUSER, password);
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                    rs.next();
                    synchronized (this) {
                        answers++;
                        if (!rs.getBoolean(1)) {
                            readWriteAnswers++;
                        }
                    }
                } catch (SQLException notUp) {
                    // not accepting connections yet, or stopped again by its keeper
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        synchronized int answers() {
            return answers;
        }

        synchronized int readWriteAnswers() {
            return readWriteAnswers;
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            thread.join();
        }
    }

    /** Every health check passes again: the writer, the rollup job, the query pool and the shard monitor recovered. */
    private static void awaitHealthy(ServiceProcess service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (service.healthStatus() != 200) {
            assertThat(System.nanoTime()).as("the service's health checks after the failover: "
                    + healthReport(service)).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    static String healthReport(ServiceProcess service) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.adminPort() + "/healthcheck"))
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static IngestReport runIngest(ServiceProcess service, int rate, long seed, Path report,
                                          ByteArrayOutputStream log) {
        try {
            return IngestCommand.run(IngestCommand.settingsFrom(
                    "--target", "http://127.0.0.1:" + service.port(), "--rate", Integer.toString(rate),
                    "--drain-timeout", "180s",
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
