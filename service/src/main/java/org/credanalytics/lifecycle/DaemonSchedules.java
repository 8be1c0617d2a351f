package org.credanalytics.lifecycle;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The background loops of the service's Managed components (the rollup job, partition
 * maintenance, the monitors, the ingest routing refresh): one named daemon thread each, running
 * its task with a fixed delay between the end of one run and the start of the next.
 */
public final class DaemonSchedules {
    private DaemonSchedules() {
    }

    /** Runs {@code task} every {@code intervalMillis} on a daemon thread named {@code threadName}, the first run one interval from now. */
    public static ScheduledExecutorService every(String threadName, long intervalMillis, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(task, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return scheduler;
    }
}
