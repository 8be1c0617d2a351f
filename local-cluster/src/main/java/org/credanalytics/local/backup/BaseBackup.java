package org.credanalytics.local.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.local.ServerPassword;

/**
 * A base backup of one server taken with {@code pg_basebackup}: a plain copy of its data directory
 * plus the WAL written while it was taken ({@code -X stream}), so it is consistent by itself; the
 * WAL archive carries it forward to any later point. Labelled, and named, by its start time.
 */
public record BaseBackup(String label, Path directory, Instant startedAt, Duration took, long bytes, String startLsn) {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'base-'yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * Runs {@code pg_basebackup} against the server at {@code host:port} (as its superuser, with
     * {@code password}) into a new directory {@code base-<start time>} under {@code into}, with a fast checkpoint.
     */
    public static BaseBackup take(String host, int port, ServerPassword password, Path into)
            throws IOException, InterruptedException, SQLException {
        ServerUser.createDirectory(into);
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path directory = into.resolve(NAME.format(startedAt)).toAbsolutePath();
        String label = "analytics " + DateTimeFormatter.ISO_INSTANT.format(startedAt);
        long start = System.nanoTime();
        ServerUser.run(List.of(binary(host, port, password, "pg_basebackup"), "-h", host, "-p", Integer.toString(port),
                "-U", LocalPostgres.SUPERUSER, "-w", "-D", directory.toString(), "-X", "stream", "-c", "fast", "-l", label),
                Map.of("PGPASSFILE", password.serverPassfile().toString()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new BaseBackup(label, directory, startedAt, took, size(directory), startLsn(directory));
    }

    /** A program from the server's own installation, so that client and server versions match. */
    static String binary(String host, int port, ServerPassword password, String program) throws SQLException {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, LocalPostgres.SUPERUSER, password.value());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT setting FROM pg_config WHERE name = 'BINDIR'")) {
            rs.next();
            return Path.of(rs.getString(1), program).toString();
        }
    }

    private static long size(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    /** The WAL location the restore starts replaying from, as backup_label records it. */
    private static String startLsn(Path directory) throws IOException {
        for (String line : Files.readAllLines(directory.resolve("backup_label"), StandardCharsets.UTF_8)) {
            if (line.startsWith("START WAL LOCATION: ")) {
                return line.substring("START WAL LOCATION: ".length()).split(" ")[0];
            }
        }
        throw new IOException("No START WAL LOCATION in " + directory.resolve("backup_label"));
    }
}
