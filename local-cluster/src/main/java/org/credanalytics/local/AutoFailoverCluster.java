package org.credanalytics.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local database under <a href="https://github.com/hapostgres/pg_auto_failover">pg_auto_failover</a>:
 * a monitor, and for each node group a primary and a synchronous secondary, each run by its own
 * {@code pg_autoctl} keeper as the server's OS user. The groups are one PostgreSQL, or a Citus
 * coordinator and its workers (pg_autoctl's Citus mode registers the workers with the coordinator
 * and, after a worker fails over, points the coordinator at the new primary).
 *
 * <p>Nobody here promotes, rewinds or rejoins anything: the monitor detects a primary that stopped
 * answering, promotes its secondary, and lets the primary commit alone while its secondary is
 * missing; a keeper started again on an old primary makes it a secondary of the new one.
 * {@link #killNode} and {@link #restartNode} stand in for a machine that dies and comes back.
 *
 * <p>Layout from {@code basePort}: group {@code g} (0 the PostgreSQL or the coordinator, {@code i}
 * worker {@code i}) has node {@code <group>-a} on {@code basePort + g} and {@code <group>-b} on
 * {@code basePort + 100 + g}; the monitor listens on {@code basePort + 200}. Everything, including
 * the keepers' configuration, lives under {@code directory}.
 *
 * <p>Every server requires a password ({@code scram-sha-256}, no {@code trust} rule): one for the
 * whole formation ({@link ServerPassword}, beside {@code directory}), for the superuser and for the
 * roles pg_auto_failover logs in as (the keepers to the monitor, the monitor's health checks, the
 * secondaries' replication); the keepers and their servers read it from {@code PGPASSFILE}.
 */
public final class AutoFailoverCluster implements LocalDatabase, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AutoFailoverCluster.class);
    private static final String HOST = "127.0.0.1";
    public static final int SECONDARY_PORT_OFFSET = 100;
    public static final int MONITOR_PORT_OFFSET = 200;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /**
     * The monitor's failure detection, tightened from its defaults (a 20 s unhealthy timeout and a
     * 30 s wait for the old primary to demote) so that a dead primary is replaced within 30 s. The
     * old primary cannot take a write meanwhile: its commits wait for the secondary being promoted.
     */
    private static final Map<String, String> MONITOR_SETTINGS = Map.of(
            "pgautofailover.health_check_period", "1000",
            "pgautofailover.health_check_timeout", "1000",
            "pgautofailover.health_check_max_retries", "1",
            "pgautofailover.health_check_retry_delay", "500",
            "pgautofailover.node_considered_unhealthy_timeout", "4000",
            "pgautofailover.primary_demote_timeout", "6000");

    private final Path directory;
    private final int basePort;
    private final String database;
    private final boolean durable;
    private final boolean citus;
    private final int workers;
    private final int shardCount;
    private final UnaryOperator<String> extraSettings;
    private final ServerPassword password;
    private final PostgresBinaries binaries = PostgresBinaries.locate();
    private final Map<String, Keeper> keepers = new LinkedHashMap<>();
    private boolean running;

    /**
     * {@code extraSettings} gives each group's additional postgresql.conf lines by group name
     * ({@code postgres}, or {@code coordinator}, {@code worker-1}, ...), written after this class's own.
     */
    public AutoFailoverCluster(Path directory, int basePort, String database, boolean durable, boolean citus,
                               int workers, int shardCount, UnaryOperator<String> extraSettings) {
        this.directory = directory.toAbsolutePath().normalize();
        this.basePort = basePort;
        this.database = database;
        this.durable = durable;
        this.citus = citus;
        this.workers = citus ? workers : 0;
        this.shardCount = shardCount;
        this.extraSettings = extraSettings;
        this.password = ServerPassword.beside(this.directory);
    }

    /** A non-durable formation in a fresh temporary directory on free ports, removed at JVM exit. */
    public static AutoFailoverCluster throwaway(String database, boolean citus, int workers, int shardCount,
                                                UnaryOperator<String> extraSettings) throws IOException {
        Path dir = LocalPostgres.temporaryDirectory();
        int base = LocalCitusCluster.freePortRange(MONITOR_PORT_OFFSET + 1);
        AutoFailoverCluster cluster = new AutoFailoverCluster(dir.resolve("formation"), base, database, false, citus,
                workers, shardCount, extraSettings);
        LocalPostgres.removeAtExit(dir, cluster);
        return cluster;
    }

    /** Whether this machine has pg_auto_failover (the {@code pg_autoctl} program and its extension). */
    public static boolean isInstalled() {
        return Files.isExecutable(Path.of(Keeper.PG_AUTOCTL)) && PostgresBinaries.locate().hasExtension("pgautofailover");
    }

    /**
     * Reaches whichever node of group 0 (the PostgreSQL, or the Citus coordinator) is the primary:
     * the hosts of {@code pg_autoctl show uri}, with pgjdbc's name for {@code target_session_attrs=read-write}.
     * A node found to be a secondary, or down, is skipped for {@code hostRecheckSeconds}.
     */
    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://%s:%d,%s:%d/%s?targetServerType=primary&hostRecheckSeconds=1"
                .formatted(HOST, port(0, 'a'), HOST, port(0, 'b'), database);
    }

    @Override
    public ServerPassword password() {
        return password;
    }

    /** The group names: {@code postgres}, or {@code coordinator} then {@code worker-1} .. {@code worker-n}. */
    public List<String> groups() {
        List<String> names = new ArrayList<>();
        for (int g = 0; g <= workers; g++) {
            names.add(groupName(g));
        }
        return names;
    }

    /** The two nodes of {@code group}, e.g. {@code worker-1-a} and {@code worker-1-b}. */
    public static List<String> nodesOf(String group) {
        return List.of(group + "-a", group + "-b");
    }

    /** The port of {@code node} (e.g. {@code coordinator-b}). */
    public int port(String node) {
        return port(groups().indexOf(node.substring(0, node.length() - 2)), node.charAt(node.length() - 1));
    }

    /** A plain (single-host) URL of {@code node}, to check what it is after a failover. */
    public String nodeUrl(String node) {
        return "jdbc:postgresql://" + HOST + ":" + port(node) + "/" + database;
    }

    @Override
    public synchronized void start() throws Exception {
        if (running) {
            return;
        }
        Files.createDirectories(directory);
        OsUser.giveToServerUser(directory);
        requireMadeWithPasswords();
        password.writeServerPassfile();
        startMonitor();
        boolean fresh = !Files.exists(nodeDirectory(nodeName(0, 'a')).resolve("PG_VERSION"));
        for (int g = 0; g <= workers; g++) {
            startNode(g, 'a');
            if (g == 0 && fresh) {
                // Workers register themselves with the coordinator: it must be up first.
                awaitReported(List.of(nodeName(0, 'a')), "single", "primary", "wait_primary");
            }
        }
        for (int g = 0; g <= workers; g++) {
            startNode(g, 'b');
        }
        if (fresh) {
            awaitHealthy();
        } else {
            // Either node may be the primary now, and a secondary may be missing: a primary per group will do.
            awaitPrimaries();
        }
        running = true;
        LOG.info("pg_auto_failover formation ready: {} group(s), each a primary and a synchronous secondary;"
                + " clients use {}; monitor {}", workers + 1, jdbcUrl(), monitorUrl());
    }

    @Override
    public synchronized void stop() {
        running = false;
        // The monitor first, so that stopping a primary is never taken for a failure to fail over from.
        List<String> order = new ArrayList<>(keepers.keySet());
        order.remove("monitor");
        order.add(0, "monitor");
        for (String name : order) {
            Keeper keeper = keepers.get(name);
            if (keeper != null) {
                keeper.stop();
            }
        }
        keepers.clear();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Kills {@code node}'s keeper and PostgreSQL with SIGKILL, as the loss of its machine would;
     * returns the {@link System#nanoTime()} of the kill.
     */
    public synchronized long killNode(String node) throws IOException, InterruptedException {
        long killedAt = keepers.remove(node).kill();
        LOG.info("Killed {} (keeper and PostgreSQL) with SIGKILL", node);
        return killedAt;
    }

    /** Starts {@code node}'s keeper again, as its machine coming back would. */
    public synchronized void restartNode(String node) throws IOException, InterruptedException {
        keepers.put(node, Keeper.run(directory, node, nodeDirectory(node)));
    }

    /**
     * The node of {@code group} that the monitor has assigned a primary's state. A dead primary
     * keeps its last reported state ("primary") but is assigned "demoted" once its secondary is promoted.
     */
    public String primaryOf(String group) throws SQLException {
        return monitorQueryOne("""
                SELECT nodename FROM pgautofailover.node
                WHERE nodename LIKE '%s-_'
                  AND goalstate IN ('single', 'wait_primary', 'primary', 'join_primary', 'apply_settings')
                ORDER BY nodeid DESC LIMIT 1""".formatted(group));
    }

    /** The node of {@code group} that is not {@code primaryOf}. */
    public String secondaryOf(String group) throws SQLException {
        String primary = primaryOf(group);
        return nodesOf(group).stream().filter(n -> !n.equals(primary)).findFirst().orElseThrow();
    }

    /** Each node's state as the monitor reports it, e.g. {@code worker-1-a=secondary}. */
    public synchronized Map<String, String> reportedStates() throws SQLException {
        Map<String, String> states = new LinkedHashMap<>();
        try (Connection c = monitorConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT nodename, reportedstate FROM pgautofailover.node ORDER BY nodeid")) {
            while (rs.next()) {
                states.put(rs.getString(1), rs.getString(2));
            }
        }
        return states;
    }

    /** Waits until every group has a primary and a secondary again. */
    public void awaitHealthy() throws Exception {
        List<String> nodes = new ArrayList<>();
        groups().forEach(g -> nodes.addAll(nodesOf(g)));
        awaitReported(nodes, "primary", "secondary");
    }

    private void awaitPrimaries() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (String group : groups()) {
            while (true) {
                String primary = primaryOf(group);
                if (primary != null && acceptsWrites(primary)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("No primary of " + group + " within " + READY_TIMEOUT + "; the monitor reports "
                            + reportedStates());
                }
                Thread.sleep(250);
            }
        }
    }

    /** Whether {@code node}'s PostgreSQL is up and out of recovery (the monitor may still show its state from before a restart). */
    private boolean acceptsWrites(String node) {
        Properties props = new Properties();
        props.setProperty("user", LocalPostgres.SUPERUSER);
        props.setProperty("password", password.value());
        props.setProperty("connectTimeout", "2");
        try (Connection c = DriverManager.getConnection(nodeUrl(node), props); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT NOT pg_is_in_recovery()")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException notYet) {
            return false;
        }
    }

    /** The monitor's own URL (what {@code pg_autoctl show uri} prints for it). */
    public String monitorUrl() {
        return "postgres://autoctl_node@" + HOST + ":" + (basePort + MONITOR_PORT_OFFSET) + "/pg_auto_failover?sslmode=disable";
    }

    /** A formation made before this class used passwords has trust rules everywhere; say how to replace it. */
    private void requireMadeWithPasswords() throws IOException {
        Path monitor = nodeDirectory("monitor");
        if (Files.exists(monitor.resolve("PG_VERSION")) && PgHba.trusts(monitor)) {
            throw new IOException("The pg_auto_failover formation in " + directory + " was made without passwords"
                    + " (trust authentication), which is no longer supported. Stop it, delete " + directory
                    + " (its data is lost) and start again: the new formation gets a password in " + password.file());
        }
    }

    private void startMonitor() throws Exception {
        Path data = nodeDirectory("monitor");
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            Keeper.autoctl(directory, List.of("create", "monitor", "--pgdata", data.toString(),
                    "--pgport", Integer.toString(basePort + MONITOR_PORT_OFFSET), "--pgctl", binaries.binary("pg_ctl"),
                    "--hostname", HOST, "--auth", "scram-sha-256", "--no-ssl"));
            // pg_autoctl starts the monitor's PostgreSQL with -h '*'; it is for this machine only.
            Keeper.autoctl(directory, List.of("config", "set", "--pgdata", data.toString(),
                    "postgresql.listen_addresses", HOST));
            // The monitor's keeper reaches it on the Unix socket as autoctl_node, not as its OS user: no peer.
            requirePasswords(data, "scram-sha-256", List.of(LocalPostgres.SUPERUSER, "autoctl_node"));
        }
        keepers.put("monitor", Keeper.run(directory, "monitor", data));
        awaitMonitor();
        try (Connection c = monitorConnection(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> setting : MONITOR_SETTINGS.entrySet()) {
                s.execute("ALTER SYSTEM SET " + setting.getKey() + " = " + setting.getValue());
            }
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private void startNode(int group, char member) throws Exception {
        String name = nodeName(group, member);
        Path data = nodeDirectory(name);
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            List<String> create = new ArrayList<>(List.of("create", kind(group), "--pgdata", data.toString(),
                    "--pgport", Integer.toString(port(group, member)), "--pgctl", binaries.binary("pg_ctl"),
                    "--hostname", HOST, "--listen", HOST, "--name", name, "--dbname", database,
                    "--monitor", monitorUrl(), "--auth", "scram-sha-256", "--no-ssl"));
            if (citus && group > 0) {
                create.addAll(List.of("--group", Integer.toString(group)));
            }
            Keeper.autoctl(directory, create);
            if (member == 'a') {
                // The secondary copies postgresql.conf, pg_hba.conf and the roles with pg_basebackup;
                // lines after pg_autoctl's includes win.
                Files.writeString(data.resolve("postgresql.conf"), settings(group), StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
                requirePasswords(data, "peer", List.of(LocalPostgres.SUPERUSER, "pgautofailover_replicator",
                        "pgautofailover_monitor"));
            }
        }
        keepers.put(name, Keeper.run(directory, name, data));
    }

    /**
     * pg_autoctl's initdb trusts every local connection, and its own rules ({@code --auth}) come
     * after those; the roles it logs in as have no password. Set before the server runs again.
     */
    private void requirePasswords(Path data, String localMethod, List<String> roles)
            throws IOException, InterruptedException {
        PgHba.removeTrust(data, localMethod);
        OfflinePasswords.set(binaries, data, password.value(), roles);
    }

    private String kind(int group) {
        if (!citus) {
            return "postgres";
        }
        return group == 0 ? "coordinator" : "worker";
    }

    private String settings(int group) {
        StringBuilder conf = new StringBuilder("\n# Written by AutoFailoverCluster\n")
                .append("max_connections = ").append(citus ? 400 : 200).append('\n')
                .append("shared_buffers = ").append(citus ? "256MB" : "512MB").append('\n')
                .append("max_wal_size = 4GB\nwal_compression = on\n")
                // A keeper that cannot rewind an old primary rebuilds it with pg_basebackup, which waits
                // for a spread checkpoint on the new primary: keep that short (at most 30 s).
                .append("checkpoint_timeout = 1min\ncheckpoint_completion_target = 0.5\n");
        if (citus) {
            conf.append("citus.stat_tenants_track = 'all'\nmax_replication_slots = 32\nmax_wal_senders = 32\n");
            if (group == 0) {
                conf.append("citus.shard_count = ").append(shardCount).append('\n');
            }
        }
        if (!durable) {
            conf.append("fsync = off\n");
        }
        return conf.append(extraSettings.apply(groupName(group))).toString();
    }

    private void awaitMonitor() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try (Connection c = monitorConnection()) {
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("The pg_auto_failover monitor did not start" + keepers.get("monitor").logTail(), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    private void awaitReported(List<String> nodes, String... states) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<String> wanted = List.of(states);
        while (true) {
            Map<String, String> reported = reportedStates();
            if (nodes.stream().allMatch(n -> wanted.contains(reported.get(n)))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder();
                for (String node : nodes) {
                    Keeper keeper = keepers.get(node);
                    logs.append(keeper == null ? "" : keeper.logTail());
                }
                throw new IOException("pg_auto_failover nodes " + nodes + " did not reach " + wanted + " within "
                        + READY_TIMEOUT + "; the monitor reports " + reported + logs);
            }
            Thread.sleep(250);
        }
    }

    private String monitorQueryOne(String sql) throws SQLException {
        try (Connection c = monitorConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private Connection monitorConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", LocalPostgres.SUPERUSER);
        props.setProperty("password", password.value());
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + (basePort + MONITOR_PORT_OFFSET)
                + "/pg_auto_failover", props);
    }

    private int port(int group, char member) {
        return basePort + group + (member == 'a' ? 0 : SECONDARY_PORT_OFFSET);
    }

    private String groupName(int group) {
        if (!citus) {
            return "postgres";
        }
        return group == 0 ? "coordinator" : "worker-" + group;
    }

    private String nodeName(int group, char member) {
        return groupName(group) + "-" + member;
    }

    private Path nodeDirectory(String node) {
        return directory.resolve(node);
    }
}
