package org.credanalytics.local.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.credanalytics.local.LocalPostgres;

/**
 * What differs between backing up one PostgreSQL and a Citus cluster: which servers there are, how
 * a restore point consistent across all of them is made, and what a restored set of servers must
 * be told about each other's new addresses.
 */
public interface Topology {
    /** One server of the deployment, by the name its backup and archive are filed under. */
    record Node(String name, String host, int port) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** Every server, the one clients connect to (the coordinator) first. */
    List<Node> nodes();

    /** The statement, run on the first node, that writes a restore point every node's restore can stop at. */
    String restorePointSql();

    /** Writes a named restore point that every node's restore can stop at consistently. */
    default RecoveryTarget.RestorePoint createRestorePoint(String database, String password, String name)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(nodes().get(0).jdbcUrl(database), LocalPostgres.SUPERUSER,
                password);
             PreparedStatement create = c.prepareStatement(restorePointSql())) {
            create.setString(1, name);
            create.execute();
        }
        return new RecoveryTarget.RestorePoint(name);
    }

    /** Tells restored servers, now listening at {@code restored} (by node name), where the others are. */
    void afterRestore(String database, String password, Map<String, Node> restored) throws SQLException;
}
