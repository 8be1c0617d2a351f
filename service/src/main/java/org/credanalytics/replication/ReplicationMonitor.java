package org.credanalytics.replication;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import io.dropwizard.lifecycle.Managed;
import org.credanalytics.lifecycle.DaemonSchedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every database node's standbys at start and then on a fixed delay, keeps the latest
 * {@link StandbySnapshot} and publishes it as gauges. A failed poll is logged and counted; the
 * previous snapshot stays and the next tick tries again.
 */
public final class ReplicationMonitor implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationMonitor.class);

    private final StandbySource source;
    private final ReplicationMetrics metrics;
    private final long intervalMillis;
    private final Clock clock;
    private final AtomicReference<StandbySnapshot> latest = new AtomicReference<>();
    private ScheduledExecutorService scheduler;

    public ReplicationMonitor(StandbySource source, ReplicationMetrics metrics, long intervalMillis, Clock clock) {
        this.source = source;
        this.metrics = metrics;
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    @Override
    public void start() {
        tick();
        scheduler = DaemonSchedules.every("replication-monitor", intervalMillis, this::tick);
    }

    @Override
    public void stop() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** One poll, as the scheduler runs it: a failure is logged and counted, never thrown. */
    public void tick() {
        try {
            refresh();
        } catch (RuntimeException e) {
            metrics.failed();
            LOG.warn("Replication poll failed; keeping the previous snapshot, retrying next tick: {}", e.toString());
        }
    }

    /** The latest snapshot, if a poll ever succeeded. */
    public Optional<StandbySnapshot> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** Reads every node's standbys now, publishes and returns them. Serialized, so polls never interleave. */
    synchronized StandbySnapshot refresh() {
        StandbySnapshot snapshot = new StandbySnapshot(source.read(), clock.instant());
        latest.set(snapshot);
        metrics.update(snapshot);
        return snapshot;
    }
}
