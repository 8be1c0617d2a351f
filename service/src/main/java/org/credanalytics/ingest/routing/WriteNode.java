package org.credanalytics.ingest.routing;

import org.credanalytics.db.DirectConnections;

/**
 * A database node the batch writer sends COPYs to: the configured database (on Citus, the
 * coordinator) or a Citus worker that holds the cluster's metadata and so can take distributed
 * writes itself. Rows written through a worker carry ids drawn from the coordinator's sequence
 * (see {@code IdLease}), so the rollup job sees one id order whatever node wrote them.
 */
public record WriteNode(String name, DirectConnections connections, boolean coordinator) {
}
