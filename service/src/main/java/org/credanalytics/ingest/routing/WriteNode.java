package org.credanalytics.ingest.routing;

import org.credanalytics.db.DirectConnections;

/**
 * A database node the batch writer sends COPYs to: the configured database (on Citus, the
 * coordinator) or a Citus worker that holds the cluster's metadata and so can take distributed
 * writes itself. Rows written through a worker carry ids drawn from the coordinator's sequence
 * (see {@code IdLease}), so the rollup job sees one id order whatever node wrote them.
 *
 * @param host a worker's host as {@code pg_dist_node} names it; null for the configured database,
 *             which the configured URL reaches (it may name several hosts)
 * @param port a worker's port; 0 for the configured database
 */
public record WriteNode(String name, String host, int port, DirectConnections connections, boolean coordinator) {

    /** The configured database. */
    public static WriteNode coordinator(DirectConnections connections) {
        return new WriteNode("coordinator", null, 0, connections, true);
    }

    /** A worker, named {@code host:port}, reached with the configured connection settings. */
    public static WriteNode worker(String host, int port, DirectConnections configured) {
        return new WriteNode(host + ":" + port, host, port, configured.forNode(host, port), false);
    }
}
