package org.credanalytics.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shard-balance gauges, all read from the monitor's latest snapshot. Labelled gauges (per
 * node, table and top tenant) are replaced as a whole on each snapshot, so a tenant that drops
 * out of the top list or a node that leaves the cluster stops being reported.
 *
 * <p>The tenant-load gauges ({@link #TENANT_QUERIES}, {@link #TENANT_CPU}, {@link #TENANT_STATS_PERIOD})
 * exist only while Citus reports per-tenant statistics: on plain PostgreSQL, or with
 * {@code citus.stat_tenants_track = 'none'}, they have no series at all, rather than zeros. When they
 * exist, each has at most one series per top institution plus one, {@value #OTHER_INSTITUTIONS}, for
 * all the others, so the label set stays bounded however many institutions there are.
 */
public final class ClusterMetrics {
    public static final String CITUS = "analytics.cluster.citus";
    public static final String NODE_SHARDS = "analytics.cluster.node.shards";
    public static final String NODE_BYTES = "analytics.cluster.node.bytes";
    public static final String TABLE_BYTES = "analytics.cluster.table.bytes";
    public static final String SKEW_RATIO = "analytics.cluster.skew.ratio";
    public static final String TENANT_BYTES = "analytics.cluster.tenant.bytes";
    public static final String TENANT_EVENTS = "analytics.cluster.tenant.events";
    public static final String TENANT_QUERIES = "analytics.cluster.tenant.queries";
    public static final String TENANT_CPU = "analytics.cluster.tenant.cpu";
    public static final String TENANT_STATS_PERIOD = "analytics.cluster.tenant.stats.period";
    /** The {@code institution_id} of the series that sums every institution outside the top list. */
    public static final String OTHER_INSTITUTIONS = "other";
    public static final String REBALANCE_MOVES = "analytics.cluster.rebalance.moves";
    public static final String MONITOR_FAILURES = "analytics.cluster.monitor.failures";

    private final AtomicReference<ShardSnapshot> latest = new AtomicReference<>();
    private final MultiGauge nodeShards;
    private final MultiGauge nodeBytes;
    private final MultiGauge tableBytes;
    private final MultiGauge tenantBytes;
    private final MultiGauge tenantEvents;
    private final MultiGauge tenantQueries;
    private final MultiGauge tenantCpu;
    private final MultiGauge tenantStatsPeriod;
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
        tenantQueries = MultiGauge.builder(TENANT_QUERIES)
                .description("Queries of each top institution (by CPU), and of all others as \"other\", in the last"
                        + " complete citus_stat_tenants period; Citus with tenant statistics only")
                .baseUnit("queries").register(registry);
        tenantCpu = MultiGauge.builder(TENANT_CPU)
                .description("CPU time the nodes spent on the queries of each top institution, and of all others as"
                        + " \"other\", in the last complete citus_stat_tenants period; Citus with tenant statistics only")
                .baseUnit("seconds").register(registry);
        tenantStatsPeriod = MultiGauge.builder(TENANT_STATS_PERIOD)
                .description("Length of a citus_stat_tenants period (citus.stat_tenants_period), which the tenant"
                        + " queries and CPU gauges cover; Citus with tenant statistics only")
                .baseUnit("seconds").register(registry);
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

    /** Replaces the tenant-load series; with no load (not Citus, or tracking off) there are none. */
    void updateTenantLoad(Optional<TenantLoad> load) {
        List<MultiGauge.Row<?>> queries = new ArrayList<>();
        List<MultiGauge.Row<?>> cpu = new ArrayList<>();
        load.ifPresent(l -> {
            for (TenantLoad.Usage usage : l.top()) {
                Tags tags = Tags.of("institution_id", Long.toString(usage.institutionId()));
                queries.add(MultiGauge.Row.of(tags, usage.queries()));
                cpu.add(MultiGauge.Row.of(tags, usage.cpuSeconds()));
            }
            Tags others = Tags.of("institution_id", OTHER_INSTITUTIONS);
            queries.add(MultiGauge.Row.of(others, l.others().queries()));
            cpu.add(MultiGauge.Row.of(others, l.others().cpuSeconds()));
        });
        tenantQueries.register(queries, true);
        tenantCpu.register(cpu, true);
        tenantStatsPeriod.register(load.map(l -> List.<MultiGauge.Row<?>>of(MultiGauge.Row.of(Tags.empty(), l.periodSeconds())))
                .orElse(List.of()), true);
    }

    void failed() {
        failures.increment();
    }
}
