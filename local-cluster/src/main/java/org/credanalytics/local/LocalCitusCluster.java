package org.credanalytics.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Citus cluster on this machine: a coordinator and its workers, each an ordinary PostgreSQL
 * ({@link LocalPostgres}) with its own data directory and port, all loading Citus, and all with one
 * password ({@link ServerPassword}, beside the cluster's directory) that they also use to reach each
 * other (the password file in {@code PGPASSFILE}). {@link #start()} creates the {@code citus} (and, when installed, {@code hll}) extension on every node and registers
 * the coordinator and the workers, skipping nodes already registered, so a restart of a kept
 * cluster is harmless. The coordinator holds no shards; tables distributed later spread over the
 * workers, {@code citus.shard_count} shards each.
 *
 * <p>Node {@code i} (0 the coordinator) listens on {@code basePort + i}, because the coordinator
 * remembers its workers by host and port.
 */
public final class LocalCitusCluster implements LocalDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCitusCluster.class);
    private static final String HOST = "127.0.0.1";

    private final Path directory;
    private final int basePort;
    private final String database;
    private final boolean durable;
    private final int shardCount;
    private final List<String> extensions;
    private final UnaryOperator<String> extraSettings;
    private final ServerPassword password;
    private final LocalPostgres coordinator;
    private final List<LocalPostgres> workers = new ArrayList<>();
    private boolean running;

    public LocalCitusCluster(Path directory, int basePort, String database, boolean durable, int workerCount,
                             int shardCount) {
        this(directory, basePort, database, durable, workerCount, shardCount, node -> "");
    }

    /**
     * As above; {@code extraSettings} gives each node's additional postgresql.conf lines, by node name
     * ({@code coordinator}, {@code worker-1}, ...), written after this class's own.
     */
    public LocalCitusCluster(Path directory, int basePort, String database, boolean durable, int workerCount,
                             int shardCount, UnaryOperator<String> extraSettings) {
        this.extraSettings = extraSettings;
        this.directory = directory.toAbsolutePath().normalize();
        this.basePort = basePort;
        this.database = database;
        this.durable = durable;
        this.shardCount = shardCount;
        this.extensions = PostgresBinaries.locate().hasExtension("hll") ? List.of("citus", "hll") : List.of("citus");
        this.password = ServerPassword.beside(this.directory);
        this.coordinator = node(0);
        for (int i = 1; i <= workerCount; i++) {
            workers.add(node(i));
        }
    }

    /** A non-durable cluster in a fresh temporary directory, removed at JVM exit. */
    public static LocalCitusCluster throwaway(String database, int workerCount, int shardCount) throws IOException {
        return throwaway(database, workerCount, shardCount, node -> "");
    }

    /** As above, with each node's additional settings by node name (see the constructor). */
    public static LocalCitusCluster throwaway(String database, int workerCount, int shardCount,
                                              UnaryOperator<String> extraSettings) throws IOException {
        Path dir = LocalPostgres.temporaryDirectory();
        LocalCitusCluster cluster = new LocalCitusCluster(dir.resolve("cluster"), freePortRange(workerCount + 4), database, false,
                workerCount, shardCount, extraSettings);
        LocalPostgres.removeAtExit(dir, cluster);
        return cluster;
    }

    /** Whether this machine's PostgreSQL has Citus installed (the library and the extension files). */
    public static boolean isInstalled() {
        return PostgresBinaries.locate().hasExtension("citus");
    }

    @Override
    public String jdbcUrl() {
        return coordinator.jdbcUrl();
    }

    @Override
    public ServerPassword password() {
        return password;
    }

    public LocalPostgres coordinator() {
        return coordinator;
    }

    /** The workers, in the order they were added (worker 1 first). */
    public synchronized List<LocalPostgres> workers() {
        return List.copyOf(workers);
    }

    @Override
    public synchronized void start() throws Exception {
        if (running) {
            return;
        }
        coordinator.start();
        createExtensions(coordinator);
        for (LocalPostgres worker : workers) {
            worker.start();
            createExtensions(worker);
        }
        try (Connection c = coordinator.connect()) {
            execute(c, "SELECT citus_set_coordinator_host(?, ?)", HOST, coordinator.port());
            for (LocalPostgres worker : workers) {
                register(c, worker);
            }
        }
        running = true;
        LOG.info("Local Citus cluster ready: coordinator {}, {} workers, {} shards per table", jdbcUrl(),
                workers.size(), shardCount);
    }

    /** Starts one more worker and adds it to the cluster; existing shards stay where they are until a rebalance. */
    public synchronized LocalPostgres addWorker() throws Exception {
        LocalPostgres worker = node(workers.size() + 1);
        worker.start();
        createExtensions(worker);
        workers.add(worker);
        try (Connection c = coordinator.connect()) {
            register(c, worker);
        }
        return worker;
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (int i = workers.size() - 1; i >= 0; i--) {
            workers.get(i).stop();
        }
        coordinator.stop();
    }

    /** Node {@code index} (0 the coordinator, i worker i) in its own directory, on {@code basePort + index}. */
    private LocalPostgres node(int index) {
        String name = nodeName(index);
        String settings = index == 0 ? coordinatorSettings() : nodeSettings();
        return new LocalPostgres(directory.resolve(name), basePort + index, database, durable,
                settings + extraSettings.apply(name), password);
    }

    private static String nodeName(int index) {
        return index == 0 ? "coordinator" : "worker-" + index;
    }

    private String nodeSettings() {
        // wal_level = logical lets the rebalancer move shards online (logical replication).
        return """
                # Citus node, written by LocalCitusCluster
                shared_preload_libraries = 'citus'
                citus.stat_tenants_track = 'all'
                wal_level = logical
                max_replication_slots = 32
                max_wal_senders = 32
                max_connections = 400
                shared_buffers = 256MB
                """;
    }

    private String coordinatorSettings() {
        return nodeSettings() + "citus.shard_count = " + shardCount + "\n";
    }

    /**
     * Creates what is missing. A worker already in the cluster refuses extension DDL even when it
     * would do nothing ("operation is not allowed on this node"), so existing ones are skipped.
     */
    private void createExtensions(LocalPostgres node) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            for (String extension : extensions) {
                if (!installed(c, extension)) {
                    s.execute("CREATE EXTENSION " + extension);
                }
            }
        }
    }

    private static boolean installed(Connection c, String extension) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM pg_extension WHERE extname = ?")) {
            query.setString(1, extension);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void register(Connection coordinatorConnection, LocalPostgres worker) throws SQLException {
        try (PreparedStatement known = coordinatorConnection.prepareStatement(
                "SELECT 1 FROM pg_dist_node WHERE nodename = ? AND nodeport = ?")) {
            known.setString(1, HOST);
            known.setInt(2, worker.port());
            try (ResultSet rs = known.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        execute(coordinatorConnection, "SELECT citus_add_node(?, ?)", HOST, worker.port());
    }

    private static void execute(Connection c, String sql, String host, int port) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, host);
            statement.setInt(2, port);
            statement.execute();
        }
    }

    /** A base port with {@code count} free ports above it (checked now; good enough for tests). */
    public static int freePortRange(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = LocalPostgres.freePort();
            if (base + count < 65535 && allFree(base, count)) {
                return base;
            }
        }
        throw new IOException("No range of " + count + " free ports found");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
