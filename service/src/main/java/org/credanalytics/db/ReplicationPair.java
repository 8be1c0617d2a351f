package org.credanalytics.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A primary and its synchronous streaming standby, two {@link LocalPostgres} servers on this
 * machine: the standby is made with {@code pg_basebackup} through a physical replication slot, and
 * the primary commits only once the standby has flushed the commit's WAL
 * ({@code synchronous_standby_names = '*'}, {@code synchronous_commit = on}), so every
 * acknowledged write is on two servers' disks.
 *
 * <p>The operator steps of a failover are methods here, for the tests and the local set-up:
 * {@link #failOver()} promotes the standby and lets the new primary commit alone (degraded: one
 * copy) until {@link #rejoinOldPrimary()} rewinds the old primary with {@code pg_rewind} and
 * starts it as the new primary's synchronous standby. The old primary never runs as a primary
 * again: {@link #start()} finds two primaries after a failover it did not see and rejoins the one
 * on the older timeline before it starts it.
 */
public final class ReplicationPair {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationPair.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration STREAMING_TIMEOUT = Duration.ofMinutes(2);

    /** postgresql.conf lines both servers need (pg_rewind needs hint bits logged and full page writes). */
    public static final String SETTINGS = """
            # Streaming replication, written for ReplicationPair (wal_level: replica, the default, or logical)
            wal_log_hints = on
            full_page_writes = on
            hot_standby = on
            max_wal_senders = 16
            max_replication_slots = 16
            # pg_rewind reads the old primary's WAL back to the last checkpoint before the standby's
            # promotion; the crash recovery it runs first must not recycle those segments.
            wal_keep_size = 1GB
            """;

    private final boolean durable;
    private LocalPostgres primary;
    private LocalPostgres standby;

    /** {@code first} is the primary of a new pair; roles are read from the data directories of an existing one. */
    public ReplicationPair(LocalPostgres first, LocalPostgres second, boolean durable) {
        this.primary = first;
        this.standby = second;
        this.durable = durable;
    }

    public synchronized LocalPostgres primary() {
        return primary;
    }

    public synchronized LocalPostgres standby() {
        return standby;
    }

    /** Starts the primary, then its standby (made from the primary when it has no data yet), and waits until it streams. */
    public synchronized void start() throws Exception {
        if (primary.isStandby() && standby.exists() && !standby.isStandby()) {
            swapRoles();
        } else if (primary.exists() && !primary.isStandby() && standby.exists() && !standby.isStandby()) {
            // Both were primaries: a failover happened while the old primary was down and it never
            // rejoined. The newer timeline is the primary; the other must not take a single write.
            if (primary.checkpointTimeline() < standby.checkpointTimeline()) {
                swapRoles();
            }
            primary.start();
            rejoin(standby);
            return;
        }
        primary.start();
        if (!standby.exists()) {
            createStandby();
        } else {
            standby.start();
            requireSynchronousStandby();
        }
    }

    public synchronized void stop() {
        standby.stop();
        primary.stop();
    }

    /**
     * Promotes the standby and makes it the primary. It commits without a standby from then on:
     * waiting for one would stop every write until the old primary is rebuilt.
     */
    public synchronized void failOver() throws Exception {
        standby.promote();
        try (Connection c = standby.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET synchronous_standby_names = ''");
            s.execute("SELECT pg_reload_conf()");
            // A promotion only requests its checkpoint; until it is done the control file still names the
            // old timeline, and pg_rewind (or a restart) would take the two servers for the same history.
            s.execute("CHECKPOINT");
        }
        swapRoles();
        LOG.info("Promoted {} to primary; it commits without a synchronous standby until the old primary rejoins",
                primary.jdbcUrl());
    }

    /** Rewinds the stopped old primary to the new primary's history and starts it as its synchronous standby. */
    public synchronized void rejoinOldPrimary() throws Exception {
        rejoin(standby);
    }

    /** Kills the primary with SIGKILL, as a machine failure would. */
    public synchronized void killPrimary() throws IOException, InterruptedException {
        primary.killNine();
    }

    private void rejoin(LocalPostgres old) throws Exception {
        String slot = slotName(old);
        createSlot(slot);
        // pg_rewind crash-recovers a killed target in single-user mode first; -R makes it a standby of the source.
        String rewound = old.runProgram("pg_rewind", List.of("--target-pgdata=" + old.dataDirectory(),
                "--source-server=" + conninfo(primary), "--write-recovery-conf"));
        LOG.info("pg_rewind of {}:\n{}", old.dataDirectory(), rewound.strip());
        old.appendAutoConf("primary_slot_name = '" + slot + "'\n");
        startStandby(old);
        LOG.info("{} rejoined as the synchronous standby of {}", old.jdbcUrl(), primary.jdbcUrl());
    }

    private void createStandby() throws Exception {
        String slot = slotName(standby);
        createSlot(slot);
        standby.createEmptyDataDirectory();
        List<String> arguments = new ArrayList<>(List.of("-D", standby.dataDirectory().toString(), "-h", HOST,
                "-p", Integer.toString(primary.port()), "-U", LocalPostgres.SUPERUSER, "-X", "stream",
                "-S", slot, "-R", "-c", "fast"));
        if (!durable) {
            arguments.add("--no-sync");
        }
        standby.runProgram("pg_basebackup", arguments);
        startStandby(standby);
        LOG.info("{} is the synchronous standby of {}", standby.jdbcUrl(), primary.jdbcUrl());
    }

    private void startStandby(LocalPostgres node) throws Exception {
        node.start();
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            // Slots copied from its time as a primary would keep WAL on it for a standby that is gone.
            s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active");
        }
        requireSynchronousStandby();
    }

    /** Waits until the standby streams, then makes the primary wait for it on every commit. */
    private void requireSynchronousStandby() throws Exception {
        long deadline = System.nanoTime() + STREAMING_TIMEOUT.toNanos();
        try (Connection c = primary.connect(); Statement s = c.createStatement()) {
            while (!hasStreamingStandby(c)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("The standby " + standby.jdbcUrl() + " did not start streaming from "
                            + primary.jdbcUrl() + " within " + STREAMING_TIMEOUT + standby.serverLogTail());
                }
                Thread.sleep(100);
            }
            s.execute("ALTER SYSTEM SET synchronous_standby_names = '*'");
            s.execute("SELECT pg_reload_conf()");
            while (!hasSynchronousStandby(c)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("The standby of " + primary.jdbcUrl() + " streams but never became synchronous: "
                            + describeStandbys(c));
                }
                Thread.sleep(50);
            }
        }
    }

    private static String describeStandbys(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT current_setting('synchronous_standby_names') || ' / '
                       || coalesce(string_agg(application_name || ' ' || state || ' ' || sync_state, ', '), 'none')
                FROM pg_stat_replication""")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean hasStreamingStandby(Connection c) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'");
    }

    private static boolean hasSynchronousStandby(Connection c) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_stat_replication WHERE sync_state = 'sync'");
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    private void createSlot(String slot) throws SQLException {
        try (Connection c = primary.connect(); PreparedStatement create = c.prepareStatement("""
                SELECT pg_create_physical_replication_slot(?)
                WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)""")) {
            create.setString(1, slot);
            create.setString(2, slot);
            create.execute();
        }
    }

    /** The slot a node streams through, named after the node's data directory (e.g. {@code node_b}). */
    private static String slotName(LocalPostgres node) {
        return node.dataDirectory().getFileName().toString().replaceAll("[^a-z0-9]", "_");
    }

    private static String conninfo(LocalPostgres node) {
        return "host=" + HOST + " port=" + node.port() + " user=" + LocalPostgres.SUPERUSER + " dbname=postgres";
    }

    private void swapRoles() {
        LocalPostgres old = primary;
        primary = standby;
        standby = old;
    }
}
