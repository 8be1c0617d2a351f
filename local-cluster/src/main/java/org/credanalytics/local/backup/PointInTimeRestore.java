package org.credanalytics.local.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.local.OsUser;
import org.credanalytics.local.ServerPassword;

/**
 * Restores one server to a point in time: copies a base backup into a new data directory, adds
 * {@code recovery.signal} and the recovery settings (read the archive, stop at the target, then
 * promote), starts it and waits until it is out of recovery. If the archive ends before the
 * target, PostgreSQL refuses to promote and the start fails: a restore never silently stops short.
 */
public final class PointInTimeRestore {
    private final WalArchive archive;
    private final RecoveryTarget target;
    private final ServerPassword password;
    private final Duration timeout;

    /** {@code password}: the backed-up server's, which the restored copy keeps. */
    public PointInTimeRestore(WalArchive archive, RecoveryTarget target, ServerPassword password, Duration timeout) {
        this.archive = archive;
        this.target = target;
        this.password = password;
        this.timeout = timeout;
    }

    /** A restored server, a primary again, and what its recovery cost. */
    public record Restored(LocalPostgres server, Duration took, long walBytesReplayed) {
    }

    /** Restores {@code backup} into {@code dataDirectory} (which must not exist) and starts it on {@code port}. */
    public Restored restore(BaseBackup backup, Path dataDirectory, int port, String database) throws Exception {
        long start = System.nanoTime();
        Path data = dataDirectory.toAbsolutePath().normalize();
        if (Files.exists(data)) {
            throw new IOException("Refusing to restore over an existing directory: " + data);
        }
        ServerUser.createDirectory(data.getParent());
        ServerUser.run(List.of("cp", "-a", backup.directory().toString(), data.toString()));
        writeRecoverySettings(data);
        LocalPostgres server = new LocalPostgres(data, port, database, true, "", password);
        try {
            server.start();
            awaitPromoted(server, data);
            long replayed = walBytesReplayedSince(server, backup.startLsn());
            return new Restored(server, Duration.ofNanos(System.nanoTime() - start), replayed);
        } catch (Exception e) {
            server.stop();
            throw new IOException("The restore into " + data + " failed:\n" + logTailOnceStopped(data), e);
        }
    }

    /** The log's end, once the postmaster has gone: a recovery that fails ends the server after its FATAL line. */
    private static String logTailOnceStopped(Path data) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(data.resolve("postmaster.pid")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return logTail(data);
    }

    private void writeRecoverySettings(Path data) throws IOException {
        // postgresql.auto.conf is read last, so these win over the settings copied from the old server.
        Path autoConf = data.resolve("postgresql.auto.conf");
        Files.writeString(autoConf, """

                # Point-in-time restore, written by PointInTimeRestore
                restore_command = '%s'
                %srecovery_target_action = 'promote'
                # The restored copy must not write into the archive it was restored from: it is a new
                # history. Before it serves as the primary, point archive_command at a new archive and
                # take a new base backup.
                archive_mode = off
                """.formatted(archive.restoreCommand(), target.settings()), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Path signal = Files.writeString(data.resolve("recovery.signal"), "", StandardCharsets.UTF_8);
        OsUser.chownToServerUser(signal);
    }

    private void awaitPromoted(LocalPostgres server, Path data) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = connect(server);
                 PreparedStatement q = c.prepareStatement("SELECT pg_is_in_recovery()");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            } catch (SQLException stopped) {
                throw new IOException("The restored server stopped during recovery", stopped);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Still in recovery after " + timeout + ": " + data + "\n" + logTail(data));
            }
            Thread.sleep(100);
        }
    }

    private static long walBytesReplayedSince(LocalPostgres server, String startLsn) throws SQLException {
        // After promotion pg_last_wal_replay_lsn() stays at the last record the recovery applied.
        try (Connection c = connect(server);
             PreparedStatement q = c.prepareStatement("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), ?::pg_lsn)::bigint")) {
            q.setString(1, startLsn);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect(LocalPostgres server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), LocalPostgres.SUPERUSER, server.password().value());
    }

    private static String logTail(Path data) {
        try {
            List<String> lines = Files.readAllLines(data.resolve("server.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no server.log: " + e + ")";
        }
    }
}
