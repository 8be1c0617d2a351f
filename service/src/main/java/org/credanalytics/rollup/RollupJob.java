package org.credanalytics.rollup;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.dropwizard.lifecycle.Managed;
import org.credanalytics.lifecycle.DaemonSchedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RollupStep}s on a fixed delay. Each tick reads a fresh horizon and steps until it
 * has caught up with it. A failing tick is logged and counted, and the next tick tries again:
 * nothing is lost, because progress only moves in the transaction that wrote the rollups.
 */
public final class RollupJob implements Managed {
    /** The application_name of the job's own database connection. */
    public static final String CONNECTION_NAME = "analytics-rollup";
    private static final Logger LOG = LoggerFactory.getLogger(RollupJob.class);

    private final RollupStep step;
    private final RollupMetrics metrics;
    private final long intervalMillis;
    private ScheduledExecutorService scheduler;

    public RollupJob(RollupStep step, RollupMetrics metrics, long intervalMillis) {
        this.step = step;
        this.metrics = metrics;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void start() {
        scheduler = DaemonSchedules.every("rollup-job", intervalMillis, this::tick);
    }

    @Override
    public void stop() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
            scheduler.shutdownNow();
        }
    }

    /** One tick: catch up with the horizon as it was when the tick began. Public for tests. */
    public void tick() {
        try {
            long horizonReadAt = System.currentTimeMillis();
            RollupStep.Horizon horizon = step.horizon();
            RollupStep.Result result;
            do {
                long started = System.nanoTime();
                result = step.run(horizon);
                metrics.stepped(result, System.nanoTime() - started);
            } while (!result.caughtUp() && !Thread.currentThread().isInterrupted());
            if (result.caughtUp()) {
                step.forgetRolledUpDays(horizon);
            }
            metrics.caughtUp(horizonReadAt, horizon.id());
        } catch (RuntimeException e) {
            metrics.failed();
            LOG.warn("Rollup tick failed; retrying next tick: {}", e.toString());
        }
    }
}
