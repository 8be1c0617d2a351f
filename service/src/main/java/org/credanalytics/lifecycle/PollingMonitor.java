package org.credanalytics.lifecycle;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls something at start and then on a fixed delay and keeps the latest result in memory. A
 * failed poll is logged and counted ({@code onFailure}); the previous result stays and the next
 * tick tries again. {@link #refresh()} is serialized, so ticks and requests for a fresh result
 * never interleave.
 */
public abstract class PollingMonitor<T> implements Managed {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final long intervalMillis;
    private final Runnable onFailure;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private ScheduledExecutorService scheduler;

    protected PollingMonitor(String threadName, long intervalMillis, Runnable onFailure) {
        this.threadName = threadName;
        this.intervalMillis = intervalMillis;
        this.onFailure = onFailure;
    }

    /** Reads and publishes a new result; runs under the monitor's lock. */
    protected abstract T poll();

    @Override
    public void start() {
        tick();
        scheduler = DaemonSchedules.every(threadName, intervalMillis, this::tick);
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
            onFailure.run();
            log.warn("{} failed; keeping the previous result, retrying next tick: {}", threadName, e.toString());
        }
    }

    /** The latest result, if a poll ever succeeded. */
    public Optional<T> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** Polls now, keeps the result and returns it. */
    public synchronized T refresh() {
        T result = poll();
        latest.set(result);
        return result;
    }
}
