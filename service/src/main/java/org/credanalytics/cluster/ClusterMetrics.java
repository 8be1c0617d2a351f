package org.credanalytics.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shard-balance gauges, all read from the monitor's latest snapshot. Labelled gauges (per
 * node, table and top tenant) are replaced as a whole on each snapshot, so a tenant that drops
 * out of the top list or a node that leaves the cluster stops being reported.
 */
public final class ClusterMetrics {
    public static final String CITUS = "analytics.cluster.citus";
    public static final String NODE_SHARDS = "analytics.cluster.node.shards";
    public static final String NODE_BYTES = "analytics.cluster.node.bytes";
    public static final String TABLE_BYTES = "analytics.cluster.table.bytes";
    public static final String SKEW_RATIO = "analytics.cluster.skew.ratio";
    public static final String TENANT_BYTES = "analytics.cluster.tenant.bytes";
    public static final String TENANT_EVENTS = "analytics.cluster.tenant.events";
    public static final String REBALANCE_MOVES = "analytics.cluster.rebalance.moves";
    public static final String MONITOR_FAILURES = "analytics.cluster.monitor.failures";

    private final AtomicReference<ShardSnapshot> latest = new AtomicReference<>();
    private final MultiGauge nodeShards;
    private final MultiGauge nodeBytes;
    private final MultiGauge tableBytes;
    private final MultiGauge tenantBytes;
    private final MultiGauge tenantEvents;
    private final Counter failures;

    public ClusterMetrics(MeterRegistry registry) {
        Gauge.builder(CITUS, latest, s -> s.get() != null && s.get().citus() ? 1 : 0)
                .description("1 when the database is a Citus coordinator, else 0").register(registry);
        Gauge.builder(SKEW_RATIO, latest, s -> s.get() == null ? Double.NaN : s.get().skewRatio())
                .description("Largest node's bytes over the mean across nodes (1.0 = even)").register(registry);
        Gauge.builder(REBALANCE_MOVES, latest, s -> s.get() == null ? Double.NaN : s.get().rebalancePlan().size())
                .description("Shard moves in the rebalancer's current plan (0 on plain PostgreSQL)").register(registry);
        nodeShards = MultiGauge.builder(NODE_SHARDS).description("Shards of distributed tables per node")
                .register(registry);
        nodeBytes = MultiGauge.builder(NODE_BYTES).description("Bytes of distributed-table shards per node")
                .baseUnit("bytes").register(registry);
        tableBytes = MultiGauge.builder(TABLE_BYTES).description("Bytes per table, over all its shards")
                .baseUnit("bytes").register(registry);
        tenantBytes = MultiGauge.builder(TENANT_BYTES).description("Estimated bytes of each top tenant")
                .baseUnit("bytes").register(registry);
        tenantEvents = MultiGauge.builder(TENANT_EVENTS).description("Events of each top tenant, all time")
                .register(registry);
        failures = Counter.builder(MONITOR_FAILURES).description("Shard-balance snapshots that failed")
                .register(registry);
    }

    void update(ShardSnapshot snapshot) {
        latest.set(snapshot);
        nodeShards.register(snapshot.nodes().stream()
                .map(n -> MultiGauge.Row.of(Tags.of("node", n.node()), n.shardCount())).toList(), true);
        nodeBytes.register(snapshot.nodes().stream()
                .map(n -> MultiGauge.Row.of(Tags.of("node", n.node()), n.bytes())).toList(), true);
        tableBytes.register(snapshot.tables().stream()
                .map(t -> MultiGauge.Row.of(Tags.of("table", t.table()), t.bytes())).toList(), true);
        tenantBytes.register(snapshot.topTenants().stream()
                .map(t -> MultiGauge.Row.of(Tags.of("institution_id", Long.toString(t.institutionId())), t.bytes()))
                .toList(), true);
        tenantEvents.register(snapshot.topTenants().stream()
                .map(t -> MultiGauge.Row.of(Tags.of("institution_id", Long.toString(t.institutionId())), t.events()))
                .toList(), true);
    }

    void failed() {
        failures.increment();
    }
}
