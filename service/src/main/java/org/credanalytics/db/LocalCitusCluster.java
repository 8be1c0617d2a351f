package org.credanalytics.db;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Citus cluster on this machine: a coordinator and its workers, each an ordinary PostgreSQL
 * ({@link LocalPostgres}) with its own data directory and port, all loading Citus. {@link #start()}
 * creates the {@code citus} (and, when installed, {@code hll}) extension on every node and registers
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
    private final boolean standbys;
    private LocalPostgres coordinator;
    private final List<LocalPostgres> workers = new ArrayList<>();
    /** Replicated nodes by index: 0 the coordinator, i worker i. */
    private final Map<Integer, ReplicationPair> pairs = new HashMap<>();
    private boolean running;

    public LocalCitusCluster(Path directory, int basePort, String database, boolean durable, int workerCount,
                             int shardCount) {
        this(directory, basePort, database, durable, workerCount, shardCount, false, node -> "");
    }

    /**
     * As above; {@code extraSettings} gives each node's additional postgresql.conf lines, by node name
     * ({@code coordinator}, {@code worker-1}, ...), written after this class's own.
     */
    public LocalCitusCluster(Path directory, int basePort, String database, boolean durable, int workerCount,
                             int shardCount, UnaryOperator<String> extraSettings) {
        this(directory, basePort, database, durable, workerCount, shardCount, false, extraSettings);
    }

    /**
     * With {@code standbys}, every node (the coordinator and each worker) gets a synchronous streaming
     * standby ({@link ReplicationPair}) on its port plus {@value #STANDBY_PORT_OFFSET}, in
     * {@code <node>-standby}, and clients reach the coordinator through a multi-host URL.
     */
    public LocalCitusCluster(Path directory, int basePort, String database, boolean durable, int workerCount,
                             int shardCount, boolean standbys, UnaryOperator<String> extraSettings) {
        this.standbys = standbys;
        this.extraSettings = standbys ? node -> ReplicationPair.SETTINGS + extraSettings.apply(node) : extraSettings;
        this.directory = directory.toAbsolutePath().normalize();
        this.basePort = basePort;
        this.database = database;
        this.durable = durable;
        this.shardCount = shardCount;
        this.extensions = PostgresBinaries.locate().hasExtension("hll") ? List.of("citus", "hll") : List.of("citus");
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
        LocalCitusCluster cluster = new LocalCitusCluster(dir, freePortRange(workerCount + 4), database, false,
                workerCount, shardCount, false, extraSettings);
        LocalPostgres.removeAtExit(dir, cluster);
        return cluster;
    }

    /** Whether this machine's PostgreSQL has Citus installed (the library and the extension files). */
    public static boolean isInstalled() {
        return PostgresBinaries.locate().hasExtension("citus");
    }

    /** The standby port of node {@code i} (0 the coordinator) of a cluster with standbys. */
    public static final int STANDBY_PORT_OFFSET = 100;

    @Override
    public String jdbcUrl() {
        if (standbys) {
            return ReplicatedPostgres.primaryUrl(database, basePort, basePort + STANDBY_PORT_OFFSET);
        }
        return coordinator.jdbcUrl();
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
        coordinator = startNode(0, coordinator);
        createExtensions(coordinator);
        for (int i = 0; i < workers.size(); i++) {
            workers.set(i, startNode(i + 1, workers.get(i)));
            createExtensions(workers.get(i));
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

    /** Starts node {@code index} and, in a cluster with standbys, its standby; returns the primary. */
    private LocalPostgres startNode(int index, LocalPostgres node) throws Exception {
        if (!standbys) {
            node.start();
            return node;
        }
        // Made once, from the node's first server: after a failover the list holds the promoted standby.
        ReplicationPair pair = pairs.computeIfAbsent(index,
                i -> new ReplicationPair(node, standby(i, basePort + STANDBY_PORT_OFFSET + i), durable));
        pair.start();
        return pair.primary();
    }

    /** The standby of node {@code index} (0 the coordinator), in {@code <node>-standby}; its settings come with pg_basebackup. */
    private LocalPostgres standby(int index, int port) {
        return new LocalPostgres(directory.resolve(nodeName(index) + "-standby"), port, database, durable, "");
    }

    /** As {@link #addStandby(int, int)}, on a free port. */
    public ReplicationPair addStandby(int index) throws Exception {
        return addStandby(index, LocalPostgres.freePort());
    }

    /**
     * Gives worker {@code index} (0 the first) a synchronous streaming standby on {@code standbyPort};
     * the worker's settings must include {@link ReplicationPair#SETTINGS}.
     */
    public synchronized ReplicationPair addStandby(int index, int standbyPort) throws Exception {
        ReplicationPair pair = new ReplicationPair(workers.get(index), standby(index + 1, standbyPort), durable);
        pair.start();
        pairs.put(index + 1, pair);
        return pair;
    }

    /**
     * Promotes worker {@code index}'s standby (its primary is down) and points the cluster at it
     * with {@code citus_update_node}: the node keeps its id, group and shards, at the new port.
     */
    public synchronized void failOverWorker(int index) throws Exception {
        ReplicationPair pair = pairs.get(index + 1);
        LocalPostgres old = pair.primary();
        pair.failOver();
        try (Connection c = coordinator.connect(); PreparedStatement update = c.prepareStatement("""
                SELECT citus_update_node(nodeid, ?, ?) FROM pg_dist_node WHERE nodename = ? AND nodeport = ?""")) {
            update.setString(1, HOST);
            update.setInt(2, pair.primary().port());
            update.setString(3, HOST);
            update.setInt(4, old.port());
            update.execute();
        }
        workers.set(index, pair.primary());
        LOG.info("Worker {} failed over from port {} to port {}", index + 1, old.port(), pair.primary().port());
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (ReplicationPair pair : pairs.values()) {
            pair.standby().stop();
        }
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
                settings + extraSettings.apply(name));
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
    static int freePortRange(int count) throws IOException {
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
