package org.credanalytics.backup;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

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

    /** Writes a named restore point that every node's restore can stop at consistently. */
    RecoveryTarget.RestorePoint createRestorePoint(String database, String name) throws SQLException;

    /** Tells restored servers, now listening at {@code restored} (by node name), where the others are. */
    void afterRestore(String database, Map<String, Node> restored) throws SQLException;
}
