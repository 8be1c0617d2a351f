package org.credanalytics.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * What the shard-balance monitor saw at {@code observedAt}; the body of {@code GET /v1/cluster/shards}
 * (snake_case on the wire). On plain PostgreSQL there is one node, {@value #LOCAL_NODE}, whose shards
 * are the tables, and the rebalance plan is empty.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShardSnapshot(boolean citus, List<Node> nodes, List<Table> tables, double skewRatio,
                            List<Tenant> topTenants, List<Move> rebalancePlan, Instant observedAt) {
    public static final String LOCAL_NODE = "local";

    /** A node ({@code host:port} on Citus) with the shards and bytes of distributed tables placed on it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Node(String node, long shardCount, long bytes) {
    }

    /** A table's bytes: on Citus over all its shard placements, else with its indexes and TOAST. */
    public record Table(String table, long bytes) {
    }

    /**
     * A tenant (institution) with its events, all time, and its estimated share of the stored bytes
     * (total bytes × its share of events). {@code queries} is Citus's per-tenant query count of the
     * current and last period, present only when {@code citus.stat_tenants_track} is on.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tenant(long institutionId, long bytes, long events, Long queries) {
    }

    /** One shard move of the rebalancer's plan. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Move(String table, long shardId, long bytes, String source, String target) {
    }

    /** max / mean of the nodes' bytes: 1.0 is perfectly even, and also the answer for one node or no data. */
    static double skewRatio(List<Node> nodes) {
        if (nodes.isEmpty()) {
            return 1.0;
        }
        long max = nodes.stream().mapToLong(Node::bytes).max().orElse(0);
        double mean = nodes.stream().mapToLong(Node::bytes).average().orElse(0);
        return mean == 0 ? 1.0 : max / mean;
    }
}
