package org.credanalytics.replication;

import java.time.Clock;
import org.credanalytics.lifecycle.PollingMonitor;

/**
 * Reads every database node's standbys at start and then on a fixed delay, keeps the latest
 * {@link StandbySnapshot} and publishes it as gauges. A failed poll is logged and counted; the
 * previous snapshot stays and the next tick tries again.
 */
public final class ReplicationMonitor extends PollingMonitor<StandbySnapshot> {
    private final StandbySource source;
    private final ReplicationMetrics metrics;
    private final Clock clock;

    public ReplicationMonitor(StandbySource source, ReplicationMetrics metrics, long intervalMillis, Clock clock) {
        super("replication-monitor", intervalMillis, metrics::failed);
        this.source = source;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Every node's standbys, published as gauges. */
    @Override
    protected StandbySnapshot poll() {
        StandbySnapshot snapshot = new StandbySnapshot(source.read(), clock.instant());
        metrics.update(snapshot);
        return snapshot;
    }
}
