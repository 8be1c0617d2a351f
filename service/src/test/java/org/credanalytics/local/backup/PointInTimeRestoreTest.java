package org.credanalytics.local.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.credanalytics.db.AnalyticsJdbi;
import org.credanalytics.db.DatabaseMigrator;
import org.credanalytics.local.LocalCitusCluster;
import org.credanalytics.local.LocalDatabase;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.rollup.RollupStep;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.ServiceProcess;
import org.credanalytics.testing.StoredEvents;
import org.credanalytics.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A point-in-time restore drill on a deployment of the test's own, with WAL archiving on: batch A
 * is ingested through the real service, base backups are taken, batch B is ingested, a restore
 * point is set, batch C is ingested and archived, and the original servers are stopped as if their
 * disks were lost. Each restore, into new data directories on new ports, must hold every event of A
 * and B exactly once and none of C, with rollups that catch up to equal the raw events. In the
 * suite's PostgreSQL run the deployment is one PostgreSQL; in the Citus run a coordinator and two
 * workers, restored with {@code citus_create_restore_point}.
 */
class PointInTimeRestoreTest {
    static final String DATABASE = "analytics_pitr";
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    static final long SEED = 20261202L;

    private static Path root;
    private static LocalDatabase original;
    private static ClusterBackup backup;
    private static Map<String, BaseBackup> baseBackups;
    private static final List<String> batchA = new ArrayList<>();
    private static final List<String> batchB = new ArrayList<>();
    private static final List<String> batchC = new ArrayList<>();
    private static Instant betweenBAndC;
    private static RecoveryTarget.RestorePoint restorePoint;

    @BeforeAll
    static void ingestBackUpIngestMoreThenLoseTheServers() throws Exception {
        root = Files.createTempDirectory("analytics-pitr-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        Path archives = root.resolve("archive");
        for (String node : List.of("coordinator", "worker-1", "worker-2")) {
            new WalArchive(archives.resolve(node)).create();
        }
        Topology topology;
        if (TestDatabase.citusRequested()) {
            LocalCitusCluster cluster = LocalCitusCluster.throwaway(DATABASE, 2, TestDatabase.CITUS_SHARDS,
                    node -> new WalArchive(archives.resolve(node)).serverSettings());
            cluster.start();
            topology = new CitusCluster(node("coordinator", cluster.coordinator().port()),
                    List.of(node("worker-1", cluster.workers().get(0).port()),
                            node("worker-2", cluster.workers().get(1).port())));
            original = cluster;
        } else {
            LocalPostgres postgres = new LocalPostgres(root.resolve("primary"), freePort(), DATABASE, false,
                    new WalArchive(archives.resolve("coordinator")).serverSettings());
            postgres.start();
            topology = new SingleServer(node("coordinator", postgres.port()));
            original = postgres;
        }
        backup = new ClusterBackup(topology, archives, DATABASE, original.password());
        new DatabaseMigrator(original.jdbcUrl(), LocalPostgres.SUPERUSER, original.password().value()).migrate();

        Random random = new Random(SEED);
        try (ServiceProcess service = ServiceProcess.on(original.jdbcUrl(), LocalPostgres.SUPERUSER, original.password().value(),
                "ackTimeout: 10s", "enabled: true\ninterval: 200ms")) {
            service.start();
            Http http = new Http(service.port());
            ingest(http, random, "pitr-a-", batchA);

            baseBackups = backup.takeBaseBackups(root.resolve("backups"));
            baseBackups.forEach((node, base) -> System.out.printf(
                    "PointInTimeRestoreTest: base backup of %s: %.1f MB in %d ms, %s%n",
                    node, base.bytes() / 1e6, base.took().toMillis(), base.directory()));

            ingest(http, random, "pitr-b-", batchB);
            betweenBAndC = serverClock();
            restorePoint = topology.createRestorePoint(DATABASE, original.password().value(), "pitr-drill");
            Thread.sleep(200);
            ingest(http, random, "pitr-c-", batchC);
            new StoredEvents(jdbi(original.jdbcUrl())).awaitRollupCaughtUp();
        }
        backup.archiveCurrentSegments(TIMEOUT);
        original.stop();
    }

    @AfterAll
    static void removeTheDrill() throws IOException {
        if (original != null) {
            original.stop();
        }
        if (root != null) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aRestorePointRestoresEveryEventBeforeItAndNoneAfter() throws Exception {
        assertRestoreHoldsAAndBButNotC("restore-point", restorePoint);
    }

    @Test
    void aTimeRestoresEveryEventCommittedBeforeItAndNoneAfter() throws Exception {
        assumeFalse(TestDatabase.citusRequested(),
                "PostgreSQL only: on Citus a time is no consistent cut across nodes; restore to citus_create_restore_point");
        assertRestoreHoldsAAndBButNotC("time", new RecoveryTarget.Time(betweenBAndC));
    }

    @Test
    void aTargetTheArchiveNeverReachedFailsTheRestoreInsteadOfStoppingShort() throws Exception {
        Topology.Node first = backup.topology().nodes().get(0);
        PointInTimeRestore restore = new PointInTimeRestore(backup.archive(first.name()),
                new RecoveryTarget.RestorePoint("never-created"), original.password(), TIMEOUT);
        assertThatThrownBy(() -> restore.restore(baseBackups.get(first.name()), root.resolve("unreachable"),
                freePort(), DATABASE))
                .hasMessageContaining("recovery ended before configured recovery target was reached");
    }

    private static void assertRestoreHoldsAAndBButNotC(String name, RecoveryTarget target) throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Topology.Node node : backup.topology().nodes()) {
            ports.put(node.name(), freePort());
        }
        Map<String, PointInTimeRestore.Restored> restored = backup.restore(baseBackups, target,
                root.resolve("restore-" + name), ports, TIMEOUT);
        try {
            restored.forEach((node, r) -> System.out.printf(
                    "PointInTimeRestoreTest: %s restore of %s: %d ms, %.1f MB of WAL replayed (%s)%n",
                    name, node, r.took().toMillis(), r.walBytesReplayed() / 1e6, target));
            String url = restored.values().iterator().next().server().jdbcUrl();
            Jdbi jdbi = jdbi(url);
            StoredEvents events = new StoredEvents(jdbi);
            events.assertStoredExactlyOnce("pitr-a-", batchA);
            events.assertStoredExactlyOnce("pitr-b-", batchB);
            assertThat(events.copiesById("pitr-c-")).as("events ingested after the target").isEmpty();
            long stored = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM analytics_events")
                    .mapTo(Long.class).one());
            assertThat(stored).as("raw events").isEqualTo(batchA.size() + batchB.size());

            // The restored rollups and their progress mark are of one moment: catching up must make them exact.
            RollupStep step = new RollupStep(jdbi, 1_000_000);
            while (!step.run(step.horizon()).caughtUp()) {
                Thread.sleep(10);
            }
            events.assertRollupsEqualRawAggregates();
        } finally {
            ClusterBackup.stop(restored);
        }
    }

    private static void ingest(Http http, Random random, String prefix, List<String> ids) {
        Instant now = Instant.now();
        for (int batch = 0; batch < 5; batch++) {
            String batchPrefix = prefix + batch;
            Http.Reply reply = http.post("/v1/events/batch", "application/json",
                    Events.mixed(random, batchPrefix, 200, 1, 20, now.minus(Duration.ofHours(48)), now));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            for (int i = 0; i < 200; i++) {
                ids.add(batchPrefix + "-" + i);
            }
        }
    }

    private static Instant serverClock() {
        return jdbi(original.jdbcUrl()).withHandle(h -> h.createQuery("SELECT clock_timestamp()")
                .mapTo(java.time.OffsetDateTime.class).one()).toInstant();
    }

    private static Jdbi jdbi(String url) {
        return AnalyticsJdbi.install(Jdbi.create(url, LocalPostgres.SUPERUSER, original.password().value()));
    }

    private static Topology.Node node(String name, int port) {
        return new Topology.Node(name, "127.0.0.1", port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
