package org.credanalytics.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a PostgreSQL server from the machine's installed binaries, in a data directory it owns.
 *
 * <p>Used by {@code local-cluster run} (durable, data kept across restarts) and by the tests (a throwaway,
 * non-durable cluster). initdb refuses to run as root, so when this JVM is root every server
 * command runs as the {@code postgres} OS user. The server listens on 127.0.0.1 only, and has no
 * Unix socket; every connection needs the superuser's password ({@code scram-sha-256}, no
 * {@code trust} rule in pg_hba.conf), a random one kept beside the data directory
 * ({@link ServerPassword}). A data directory made before passwords (with {@code trust} rules) gets
 * its password and loses those rules at its next start. {@link #start()} leaves a ready server with
 * the database created: it starts one, or uses the one already running in the data directory (left
 * by a killed run, or another program's). {@link #stop()} shuts down only a server this instance
 * started, so it never takes the database away from whoever else runs it.
 */
public final class LocalPostgres implements LocalDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    public static final String SUPERUSER = "postgres";

    private final Path dataDirectory;
    private final int port;
    private final String database;
    private final boolean durable;
    private final String extraSettings;
    private final ServerPassword password;
    private final PostgresBinaries binaries;
    private boolean running;

    public LocalPostgres(Path dataDirectory, int port, String database, boolean durable) {
        this(dataDirectory, port, database, durable, "");
    }

    /** {@code extraSettings} are postgresql.conf lines written after this class's own, e.g. Citus's. */
    public LocalPostgres(Path dataDirectory, int port, String database, boolean durable, String extraSettings) {
        this(dataDirectory, port, database, durable, extraSettings, ServerPassword.beside(dataDirectory));
    }

    /** As above, with the password of the servers this one belongs with (a cluster's, a backup's origin's). */
    public LocalPostgres(Path dataDirectory, int port, String database, boolean durable, String extraSettings,
                         ServerPassword password) {
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.port = port;
        this.database = database;
        this.durable = durable;
        this.extraSettings = extraSettings;
        this.password = password;
        this.binaries = PostgresBinaries.locate();
    }

    /** A non-durable cluster in a fresh temporary directory on a free port, removed at JVM exit. */
    public static LocalPostgres throwaway(String database) throws IOException {
        Path dir = temporaryDirectory();
        LocalPostgres postgres = new LocalPostgres(dir.resolve("data"), freePort(), database, false);
        removeAtExit(dir, postgres);
        return postgres;
    }

    /** Stops {@code servers} and deletes {@code dir} when the JVM exits. */
    static void removeAtExit(Path dir, LocalDatabase... servers) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (LocalDatabase server : servers) {
                server.stop();
            }
            deleteRecursively(dir);
        }, "local-postgres-cleanup"));
    }

    /** A fresh temporary directory that the server's OS user can enter. */
    static Path temporaryDirectory() throws IOException {
        Path dir = Files.createTempDirectory("analytics-pg-");
        // createTempDirectory makes it private to this user; the server user must be able to enter it.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        return dir;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public ServerPassword password() {
        return password;
    }

    /** A superuser connection to this server's database. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), SUPERUSER, password.value());
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void start() throws Exception {
        if (running) {
            return;
        }
        if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            initialise();
        }
        boolean trusting = PgHba.trusts(dataDirectory);
        if (!trusting && !Files.exists(password.file())) {
            throw new IOException("The superuser password of the local PostgreSQL in " + dataDirectory
                    + " was kept in " + password.file() + ", which is gone. Put it back, or, if the data can go,"
                    + " delete the data directory to start afresh");
        }
        password.writeServerPassfile();
        boolean attached = isServerRunning();
        if (!attached) {
            pgCtl("start", "-w", "-t", "120", "-l", dataDirectory.resolve("server.log").toString(),
                    "-o", "-p " + port);
            running = true;
        }
        if (trusting) {
            requirePassword();
        }
        createDatabaseIfMissing();
        LOG.info("Local PostgreSQL {} {} at {} (data in {})", binaries.version(),
                attached ? "already running, used as it is," : "ready", jdbcUrl(), dataDirectory);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            pgCtl("stop", "-m", "fast", "-w", "-t", "60");
            running = false;
            LOG.info("Local PostgreSQL stopped");
        } catch (Exception e) {
            LOG.warn("Could not stop local PostgreSQL in {}", dataDirectory, e);
        }
    }

    /** Stops the server immediately, as a crash would; the next {@link #start()} recovers it. */
    public synchronized void kill() throws IOException, InterruptedException {
        pgCtl("stop", "-m", "immediate", "-w", "-t", "60");
        running = false;
    }

    private void initialise() throws IOException, InterruptedException {
        Files.createDirectories(dataDirectory);
        OsUser.giveToServerUser(dataDirectory);
        // initdb, run as the server's OS user, reads the password from a file of that user's.
        Path passwordForInitdb = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".initdb-password");
        Files.deleteIfExists(passwordForInitdb);
        Files.createFile(passwordForInitdb, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordForInitdb, password.value() + "\n", StandardCharsets.UTF_8);
            OsUser.chownToServerUser(passwordForInitdb);
            List<String> command = new ArrayList<>(List.of(binaries.binary("initdb"), "-D", dataDirectory.toString(),
                    "-U", SUPERUSER, "--auth-host=scram-sha-256", "--auth-local=peer",
                    "--pwfile=" + passwordForInitdb, "--encoding=UTF8", "--no-locale"));
            if (!durable) {
                command.add("--no-sync");
            }
            run(command);
        } finally {
            Files.deleteIfExists(passwordForInitdb);
        }
        Files.writeString(dataDirectory.resolve("postgresql.conf"), serverSettings(),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private String serverSettings() {
        StringBuilder conf = new StringBuilder("\n# Written by LocalPostgres\n")
                .append("listen_addresses = '127.0.0.1'\n")
                .append("password_encryption = 'scram-sha-256'\n")
                .append("unix_socket_directories = ''\n")
                .append("max_connections = 200\n")
                .append("shared_buffers = 512MB\n")
                .append("max_wal_size = 4GB\n")
                .append("checkpoint_timeout = 15min\n")
                .append("wal_compression = on\n");
        if (!durable) {
            // synchronous_commit stays on: an acknowledged commit must survive a server kill in tests too.
            conf.append("fsync = off\nfull_page_writes = off\n");
        }
        return conf.append(extraSettings).toString();
    }

    private boolean isServerRunning() throws IOException, InterruptedException {
        if (!Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            return false;
        }
        return exec(OsUser.asServerUser(List.of(binaries.binary("pg_ctl"), "-D", dataDirectory.toString(), "status")))
                .exitCode() == 0;
    }

    /**
     * Gives the superuser of a data directory made with {@code trust} rules its password, then
     * replaces those rules (the running server still trusts this connection while it sets it).
     */
    private void requirePassword() throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(adminUrl(), SUPERUSER, password.value());
             Statement s = connection.createStatement()) {
            // A Citus worker refuses role DDL that Citus would propagate; each node gets its own here.
            s.execute("SET citus.enable_ddl_propagation = off");
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password.value() + "'");
            PgHba.removeTrust(dataDirectory);
            s.execute("SELECT pg_reload_conf()");
        }
        LOG.info("Local PostgreSQL in {} trusted every local connection; it now requires the password in {}",
                dataDirectory, password.file());
    }

    private String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl(), SUPERUSER, password.value());
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // The name comes from configuration, never from a request; quote it as an identifier anyway.
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
        }
    }

    private void pgCtl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binaries.binary("pg_ctl"), "-D", dataDirectory.toString()));
        command.addAll(List.of(args));
        run(command);
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        ExecResult result = exec(OsUser.asServerUser(command));
        if (result.exitCode() != 0) {
            throw new IOException("Command failed (exit " + result.exitCode() + "): " + String.join(" ", command)
                    + "\n" + result.output() + serverLogTail());
        }
        return result.output();
    }

    private String serverLogTail() {
        Path log = dataDirectory.resolve("server.log");
        try {
            if (!Files.isReadable(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\nserver.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private ExecResult exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The server inherits it: Citus and replication connections to other servers find the password there.
        builder.environment().put("PGPASSFILE", password.serverPassfile().toString());
        Process process = builder.start();
        // pg_ctl start leaves the server running but closes its own output, so this read ends.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ExecResult(process.waitFor(), output);
    }

    private record ExecResult(int exitCode, String output) {
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not delete {}", dir, e);
        }
    }
}
