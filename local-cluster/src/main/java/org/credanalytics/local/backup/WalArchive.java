package org.credanalytics.local.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.credanalytics.local.LocalPostgres;

/**
 * One server's WAL archive: a directory that {@code archive_command} copies every completed WAL
 * segment into and {@code restore_command} reads back during a restore. A segment is written under
 * a temporary name, flushed, then renamed, so a crash mid-copy never leaves a truncated segment
 * under the real name; an existing segment is never overwritten (a second copy of the same one,
 * after a crash between the rename and the server noting it, succeeds only if identical).
 * {@code archive_timeout} bounds how long a quiet server's last writes stay unarchived.
 */
public record WalArchive(Path directory, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public WalArchive {
        directory = directory.toAbsolutePath().normalize();
        if (directory.toString().matches(".*[\\s'\"%\\\\].*")) {
            throw new IllegalArgumentException("The archive path must not hold spaces, quotes, % or \\: " + directory);
        }
    }

    public WalArchive(Path directory) {
        this(directory, DEFAULT_TIMEOUT);
    }

    /** Creates the directory, owned by the server's OS user. */
    public WalArchive create() throws IOException {
        ServerUser.createDirectory(directory);
        return this;
    }

    /**
     * postgresql.conf lines that archive into this directory. {@code full_page_writes} is on:
     * without it a base backup taken while pages are written can restore torn pages.
     */
    public String serverSettings() {
        return """
                # WAL archiving, written by WalArchive
                archive_mode = on
                archive_command = '%s'
                archive_timeout = %ds
                full_page_writes = on
                """.formatted(archiveCommand(), timeout.toSeconds());
    }

    String archiveCommand() {
        String target = directory + "/%f";
        return "if test -f \"%1$s\"; then cmp -s \"%%p\" \"%1$s\"; else cp \"%%p\" \"%1$s.part\" && sync \"%1$s.part\""
                .formatted(target) + " && mv \"%1$s.part\" \"%1$s\"; fi".formatted(target);
    }

    /** The restore_command that reads this archive back. */
    public String restoreCommand() {
        return "cp \"" + directory + "/%f\" \"%p\"";
    }

    /**
     * Closes the server's current WAL segment and waits until the archiver has stored it, so that
     * everything committed before this call can be restored from the archive alone.
     */
    public static void archiveCurrentSegment(String jdbcUrl, String password, Duration timeout)
            throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, LocalPostgres.SUPERUSER, password);
             Statement s = c.createStatement()) {
            String segment = single(s, "SELECT pg_walfile_name(pg_switch_wal())");
            long deadline = System.nanoTime() + timeout.toNanos();
            // Segment names of one timeline sort in WAL order.
            while (true) {
                String archived = single(s, "SELECT COALESCE(last_archived_wal, '') FROM pg_stat_archiver");
                if (archived.length() >= 24 && archived.substring(0, 24).compareTo(segment) >= 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    String failed = single(s, "SELECT COALESCE(last_failed_wal, 'none') FROM pg_stat_archiver");
                    throw new IllegalStateException("WAL segment " + segment + " not archived after " + timeout
                            + " (last archived " + archived + ", last failed " + failed + ")");
                }
                Thread.sleep(50);
            }
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
