package org.credanalytics.db;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Recognises a Citus node that could not reach another node, or lost it mid-transaction. Citus
 * raises some of these with no code of its own ({@code XX000}), such as "failure on connection
 * marked as essential" while a worker is down: an outage to retry, never the client's fault.
 */
public final class ClusterOutages {
    private static final Pattern LOST_NODE = Pattern.compile(
            "failure on connection marked as essential|connection to the remote node|could not establish any connections"
                    + "|server closed the connection|connection not open|terminating connection");

    private ClusterOutages() {
    }

    /** An {@code XX000} whose message says a node was unreachable or lost. */
    public static boolean isLostNode(SQLException e) {
        return "XX000".equals(e.getSQLState()) && e.getMessage() != null && LOST_NODE.matcher(e.getMessage()).find();
    }
}
