package org.credanalytics.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.credanalytics.ingest.routing.CitusWriteNodes;
import org.credanalytics.ingest.routing.WriteNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dashboard queries on Citus without the coordinator in the way. Since Citus 11 every worker holds
 * the cluster's metadata and runs distributed queries itself; a query sent to the worker holding
 * its institution's shard runs there by local execution, with no planning on the coordinator and no
 * second connection. Platform queries take turns over the coordinator and every such worker, so
 * that planning and merging them is not the coordinator's alone.
 *
 * <p>Which node holds which shard comes from the same layout the batch writer routes by
 * ({@link CitusWriteNodes}, re-read every {@code ingest.citusRoutingRefresh}). A query routed by a
 * layout just changed still answers correctly: any node forwards it to the shards' placements. Each
 * node gets a query pool of its own on first use ({@link NodePools}), kept until the service stops.
 */
public final class CitusQueryNodes implements QueryNodes {
    private static final Logger LOG = LoggerFactory.getLogger(CitusQueryNodes.class);

    /** Opens a node's query pool; closes them all. */
    public interface NodePools {
        QueryNode open(String host, int port);

        void closeAll();
    }

    private final CitusWriteNodes layout;
    private final QueryNode coordinator;
    private final NodePools pools;
    private final Map<String, QueryNode> byName = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final MeterRegistry meters;
    private final Map<String, Counter> routed = new ConcurrentHashMap<>();

    /** {@code meters} gets {@code analytics_query_node_queries_total}, by node: the queries routed to each. */
    public CitusQueryNodes(CitusWriteNodes layout, QueryNode coordinator, NodePools pools, MeterRegistry meters) {
        this.layout = layout;
        this.coordinator = coordinator;
        this.pools = pools;
        this.meters = meters;
    }

    @Override
    public QueryNode forInstitution(long institutionId) {
        return counted(node(layout.owner(institutionId)));
    }

    @Override
    public QueryNode forPlatform() {
        List<WriteNode> nodes = new ArrayList<>(layout.nodes());
        if (nodes.stream().noneMatch(WriteNode::coordinator)) {
            nodes.add(layout.coordinator());
        }
        return counted(node(nodes.get(Math.floorMod(turn.getAndIncrement(), nodes.size()))));
    }

    @Override
    public QueryNode coordinator() {
        return coordinator;
    }

    @Override
    public void unreachable(QueryNode node) {
        layout.nodeUnreachable();
    }

    @Override
    public void start() {
        layout.start();
    }

    @Override
    public void stop() {
        layout.stop();
        pools.closeAll();
    }

    private QueryNode counted(QueryNode node) {
        routed.computeIfAbsent(node.name(), name -> Counter.builder("analytics_query_node_queries")
                .description("Dashboard queries routed to each Citus node (before any fallback to the coordinator)")
                .tag("node", name).register(meters)).increment();
        return node;
    }

    private QueryNode node(WriteNode node) {
        if (node.coordinator()) {
            return coordinator;
        }
        try {
            return byName.computeIfAbsent(node.name(), name -> pools.open(node.host(), node.port()));
        } catch (RuntimeException cannotOpen) {
            // Pools open empty (a node that is down fails at its first query, not here), so this is a
            // node whose pool could not even be built: try again at the next query.
            LOG.warn("Could not open a query pool on {}; its queries go through the coordinator: {}",
                    node.name(), cannotOpen.getMessage());
            layout.nodeUnreachable();
            return coordinator;
        }
    }
}
