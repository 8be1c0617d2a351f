package org.credanalytics.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** One PostgreSQL server: a restore point is {@code pg_create_restore_point}, and nothing refers to its address. */
public record SingleServer(Node node) implements Topology {
    @Override
    public List<Node> nodes() {
        return List.of(node);
    }

    @Override
    public RecoveryTarget.RestorePoint createRestorePoint(String database, String name) throws SQLException {
        RecoveryTarget.RestorePoint point = new RecoveryTarget.RestorePoint(name);
        try (Connection c = DriverManager.getConnection(node.jdbcUrl(database), ServerUser.NAME, "");
             PreparedStatement create = c.prepareStatement("SELECT pg_create_restore_point(?)")) {
            create.setString(1, name);
            create.execute();
        }
        return point;
    }

    @Override
    public void afterRestore(String database, Map<String, Node> restored) {
    }
}
