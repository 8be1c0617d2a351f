package org.credanalytics.cluster;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.credanalytics.cluster.ShardSnapshot.Move;
import org.credanalytics.cluster.ShardSnapshot.Node;
import org.credanalytics.cluster.ShardSnapshot.Table;
import org.credanalytics.cluster.ShardSnapshot.Tenant;
import org.credanalytics.lifecycle.PollingMonitor;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a {@link ShardSnapshot} at start and then on a fixed delay, keeps the latest in memory and
 * publishes it as gauges. On Citus it reads {@code citus_shards}, {@code citus_stat_tenants} (when
 * tracking is on; also published as each top institution's load in the last period, plus
 * "other") and {@code get_rebalance_table_shards_plan()}; on plain PostgreSQL it reports one
 * node holding every table, and no tenant load. A failed snapshot is logged and counted; the
 * previous one stays and the next tick tries again.
 */
public final class ShardBalanceMonitor extends PollingMonitor<ShardSnapshot> {
    private static final Logger LOG = LoggerFactory.getLogger(ShardBalanceMonitor.class);

    private final ClusterView cluster;
    private final int topTenants;
    private final ClusterMetrics metrics;
    private final Clock clock;

    public ShardBalanceMonitor(ClusterView cluster, int topTenants, ClusterMetrics metrics, long intervalMillis, Clock clock) {
        super("shard-balance-monitor", intervalMillis, metrics::failed);
        this.cluster = cluster;
        this.topTenants = topTenants;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A snapshot of the shards, tables and tenants, published as gauges. */
    @Override
    protected ShardSnapshot poll() {
        List<Table> tables = cluster.tables();
        long totalBytes = tables.stream().mapToLong(Table::bytes).sum();
        List<Node> nodes = cluster.citus()
                ? cluster.citusNodes()
                : List.of(new Node(ShardSnapshot.LOCAL_NODE, tables.size(), totalBytes));
        Optional<Map<Long, Long>> queries = cluster.citus() ? cluster.citusTenantQueries() : Optional.empty();
        Optional<TenantLoad> load = cluster.citus() ? cluster.citusTenantLoad(topTenants) : Optional.empty();
        List<Tenant> tenants = cluster.topTenants(topTenants).stream()
                .map(t -> new Tenant(t.institutionId(), estimatedBytes(totalBytes, t.events(), t.allTenantsEvents()), t.events(),
                        queries.map(q -> q.getOrDefault(t.institutionId(), 0L)).orElse(null)))
                .toList();
        ShardSnapshot snapshot = new ShardSnapshot(cluster.citus(), nodes, tables, ShardSnapshot.skewRatio(nodes), tenants,
                cluster.citus() ? rebalancePlan() : List.of(), clock.instant());
        metrics.update(snapshot);
        metrics.updateTenantLoad(load);
        return snapshot;
    }

    /**
     * The rebalancer's plan, or none when the planner fails (it can, e.g. while a rebalance holds
     * its locks): the sizes and placements are worth reporting without it. The failure is counted.
     */
    private List<Move> rebalancePlan() {
        try {
            return cluster.citusRebalancePlan();
        } catch (JdbiException e) {
            metrics.failed();
            LOG.warn("Rebalance plan unavailable; reporting none: {}", e.toString());
            return List.of();
        }
    }

    /** A tenant's share of the stored bytes, in proportion to its share of the events. */
    static long estimatedBytes(long totalBytes, long tenantEvents, long totalEvents) {
        return totalEvents == 0 ? 0 : Math.round((double) totalBytes * tenantEvents / totalEvents);
    }
}
