package org.credanalytics.local.backup;

import java.util.List;
import java.util.Map;

/** One PostgreSQL server: a restore point is {@code pg_create_restore_point}, and nothing refers to its address. */
public record SingleServer(Node node) implements Topology {
    @Override
    public List<Node> nodes() {
        return List.of(node);
    }

    @Override
    public String restorePointSql() {
        return "SELECT pg_create_restore_point(?)";
    }

    @Override
    public void afterRestore(String database, String password, Map<String, Node> restored) {
    }
}
