package org.credanalytics.replication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;

/**
 * The per-node replication gauges, labelled {@code node}, all read from the monitor's latest
 * snapshot and replaced as a whole on each one, so that a node that leaves the cluster (or is
 * replaced by its promoted secondary, under a new address) stops being reported.
 */
public final class ReplicationMetrics {
    public static final String STANDBYS = "analytics.replication.standbys";
    public static final String SYNCHRONOUS_STANDBYS = "analytics.replication.synchronous.standbys";
    public static final String REPLAY_LAG_SECONDS = "analytics.replication.replay.lag.seconds";
    public static final String REPLAY_LAG_BYTES = "analytics.replication.replay.lag.bytes";
    public static final String MONITOR_FAILURES = "analytics.replication.monitor.failures";

    private final MultiGauge standbys;
    private final MultiGauge synchronous;
    private final MultiGauge replayLagSeconds;
    private final MultiGauge replayLagBytes;
    private final Counter failures;

    public ReplicationMetrics(MeterRegistry registry) {
        standbys = MultiGauge.builder(STANDBYS).description("Physical standbys connected to each database node")
                .register(registry);
        synchronous = MultiGauge.builder(SYNCHRONOUS_STANDBYS)
                .description("Standbys each node's commits can wait for (sync_state sync or quorum); 0 means an"
                        + " acknowledged write on that node is on one server only")
                .register(registry);
        replayLagSeconds = MultiGauge.builder(REPLAY_LAG_SECONDS)
                .description("Largest replay lag of each node's standbys (pg_stat_replication.replay_lag; 0 when caught up)")
                .baseUnit("seconds").register(registry);
        replayLagBytes = MultiGauge.builder(REPLAY_LAG_BYTES)
                .description("WAL bytes the furthest-behind standby of each node has yet to replay")
                .baseUnit("bytes").register(registry);
        failures = Counter.builder(MONITOR_FAILURES).description("Replication polls that failed").register(registry);
    }

    void update(StandbySnapshot snapshot) {
        register(standbys, snapshot, NodeStandbys::standbys);
        register(synchronous, snapshot, NodeStandbys::synchronous);
        register(replayLagSeconds, snapshot, NodeStandbys::replayLagSeconds);
        register(replayLagBytes, snapshot, NodeStandbys::replayLagBytes);
    }

    void failed() {
        failures.increment();
    }

    private static void register(MultiGauge gauge, StandbySnapshot snapshot, ToDoubleFunction<NodeStandbys> value) {
        gauge.register(snapshot.nodes().stream()
                .map(n -> MultiGauge.Row.of(Tags.of("node", n.node()), value.applyAsDouble(n))).toList(), true);
    }
}
