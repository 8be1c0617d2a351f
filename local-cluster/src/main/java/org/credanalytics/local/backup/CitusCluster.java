package org.credanalytics.local.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.credanalytics.local.LocalPostgres;

/**
 * A Citus coordinator and its workers. {@code citus_create_restore_point} blocks distributed
 * commits for a moment and writes the same restore point on every node, so restoring each node to
 * that name gives a cluster in which every distributed transaction is either everywhere or nowhere
 * (a time is no such cut: each node's clock and commit order are its own). A restored coordinator
 * still names its workers by their old addresses in {@code pg_dist_node}; {@link #afterRestore}
 * moves each entry to the node's new address.
 */
public record CitusCluster(Node coordinator, List<Node> workers) implements Topology {
    public CitusCluster {
        workers = List.copyOf(workers);
    }

    @Override
    public List<Node> nodes() {
        return Stream.concat(Stream.of(coordinator), workers.stream()).toList();
    }

    @Override
    public String restorePointSql() {
        return "SELECT citus_create_restore_point(?)";
    }

    @Override
    public void afterRestore(String database, String password, Map<String, Node> restored) throws SQLException {
        Node newCoordinator = restored.get(coordinator.name());
        try (Connection c = DriverManager.getConnection(newCoordinator.jdbcUrl(database), LocalPostgres.SUPERUSER, password);
             PreparedStatement update = c.prepareStatement("""
                     SELECT citus_update_node(nodeid, ?, ?) FROM pg_dist_node WHERE nodename = ? AND nodeport = ?""")) {
            for (Node old : nodes()) {
                Node moved = restored.get(old.name());
                update.setString(1, moved.host());
                update.setInt(2, moved.port());
                update.setString(3, old.host());
                update.setInt(4, old.port());
                update.execute();
            }
        }
    }
}
