package org.credanalytics.local.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.local.ServerPassword;

/**
 * Base backups and restores of every server of a deployment, each node with its own WAL archive
 * ({@code <archive root>/<node name>}) and its own base backup ({@code <backup root>/<node name>}).
 * A restore brings every node to the same target, then lets the topology reconnect them.
 */
public final class ClusterBackup {
    private final Topology topology;
    private final Path archiveRoot;
    private final String database;
    private final ServerPassword password;

    /** {@code password}: the servers' (one for all of them, as in a {@link org.credanalytics.local.LocalCitusCluster}). */
    public ClusterBackup(Topology topology, Path archiveRoot, String database, ServerPassword password) {
        this.topology = topology;
        this.archiveRoot = archiveRoot.toAbsolutePath().normalize();
        this.database = database;
        this.password = password;
    }

    public Topology topology() {
        return topology;
    }

    /** The archive of the node called {@code nodeName}; its server settings go into that node's postgresql.conf. */
    public WalArchive archive(String nodeName) {
        return new WalArchive(archiveRoot.resolve(nodeName));
    }

    /** A base backup of every node, by node name, one after the other (coordinator first). */
    public Map<String, BaseBackup> takeBaseBackups(Path backupRoot) throws Exception {
        Map<String, BaseBackup> backups = new LinkedHashMap<>();
        for (Topology.Node node : topology.nodes()) {
            backups.put(node.name(), BaseBackup.take(node.host(), node.port(), password,
                    backupRoot.resolve(node.name())));
        }
        return backups;
    }

    /** Closes every node's current WAL segment and waits until it is archived. */
    public void archiveCurrentSegments(Duration timeout) throws Exception {
        for (Topology.Node node : topology.nodes()) {
            WalArchive.archiveCurrentSegment(node.jdbcUrl(database), password.value(), timeout);
        }
    }

    /**
     * Restores every node from its backup and archive to {@code target}, into {@code <dataRoot>/<node name>}
     * on the given ports (by node name), and reconnects them. The servers are left running.
     */
    public Map<String, PointInTimeRestore.Restored> restore(Map<String, BaseBackup> backups, RecoveryTarget target,
                                                            Path dataRoot, Map<String, Integer> ports,
                                                            Duration timeout) throws Exception {
        Map<String, PointInTimeRestore.Restored> restored = new LinkedHashMap<>();
        Map<String, Topology.Node> addresses = new LinkedHashMap<>();
        try {
            for (Topology.Node node : topology.nodes()) {
                PointInTimeRestore restore = new PointInTimeRestore(archive(node.name()), target, password, timeout);
                int port = ports.get(node.name());
                restored.put(node.name(), restore.restore(backups.get(node.name()), dataRoot.resolve(node.name()),
                        port, database));
                addresses.put(node.name(), new Topology.Node(node.name(), node.host(), port));
            }
            topology.afterRestore(database, password.value(), addresses);
            return restored;
        } catch (Exception e) {
            restored.values().forEach(r -> r.server().stop());
            throw e;
        }
    }

    /** Stops restored servers. */
    public static void stop(Map<String, PointInTimeRestore.Restored> restored) {
        restored.values().stream().map(PointInTimeRestore.Restored::server).forEach(LocalPostgres::stop);
    }
}
