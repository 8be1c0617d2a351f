package org.credanalytics.ingest.routing;

import java.util.List;
import org.credanalytics.db.DirectConnections;
import org.credanalytics.ingest.Event;
import org.credanalytics.ingest.IngestConfiguration;

/**
 * Which node the batch writer sends a request's events to. Plain PostgreSQL, and Citus with
 * {@code ingest.citusRouting: coordinator}, have one node ({@link SingleNode}); Citus with
 * {@code nodes} sends each request to the worker holding most of its rows ({@link CitusWriteNodes}),
 * so that rows are parsed and stored where they live instead of funnelling through the coordinator.
 * A request always goes whole to one node, so it stays one transaction.
 */
public interface IngestTopology {
    /** The configured database; on Citus, the coordinator. */
    WriteNode coordinator();

    /** The node to write these events through. */
    WriteNode route(List<Event> events);

    /** The nodes writes go to now (requests may be routed to others after a refresh). */
    List<WriteNode> nodes();

    /** Reads the cluster's layout, and keeps it current until {@link #stop()}. */
    /**
     * A write failed because a node was unreachable: the layout may have changed (a worker failed
     * over to its secondary), so read it again soon rather than at the next interval.
     */
    default void nodeUnreachable() {
    }

    default void start() {
    }

    default void stop() {
    }

    /** The topology for this database: chosen once, at start. */
    static IngestTopology of(DirectConnections database, boolean citus, IngestConfiguration config) {
        WriteNode only = WriteNode.coordinator(database);
        if (!citus || config.getCitusRouting() == IngestConfiguration.CitusRouting.COORDINATOR) {
            return new SingleNode(only);
        }
        return new CitusWriteNodes(database, config.getCitusRoutingRefresh().toJavaDuration());
    }
}
