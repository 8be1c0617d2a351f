package org.credanalytics.imports;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import io.dropwizard.lifecycle.Managed;
import org.credanalytics.lifecycle.DaemonSchedules;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies accepted parts one at a time, in the order they came, on a thread of its own, so that
 * an import never takes more than one database connection from live ingest and the queries. At
 * most {@code imports.queuedParts} wait; the request of one more gets a 503.
 *
 * <p>Once a minute it marks the imports it has parts of as alive, and ends as failed (their
 * events removed) those that no process has touched for {@code imports.staleAfter}: the parts of
 * a process that stopped are gone with its spool, so such an import can never finish.
 */
public final class ImportWorker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ImportWorker.class);
    static final long HEARTBEAT_MILLIS = 60_000;

    private final Jdbi jdbi;
    private final PartApplier applier;
    private final ImportRemoval removal;
    private final ImportMetrics metrics;
    private final Semaphore room;
    private final long staleSeconds;
    /** Parts queued or being applied, per import. */
    private final Map<Long, Integer> active = new ConcurrentHashMap<>();
    private ExecutorService executor;
    private ScheduledExecutorService heartbeat;

    ImportWorker(Jdbi jdbi, PartApplier applier, ImportRemoval removal, ImportMetrics metrics, int queuedParts,
                 long staleSeconds) {
        this.jdbi = jdbi;
        this.applier = applier;
        this.removal = removal;
        this.metrics = metrics;
        this.room = new Semaphore(queuedParts);
        this.staleSeconds = staleSeconds;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "import-worker");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat = DaemonSchedules.every("import-heartbeat", HEARTBEAT_MILLIS, this::beat);
        executor.execute(this::beat); // imports a stopped process left behind end at once
    }

    @Override
    public void stop() throws InterruptedException {
        heartbeat.shutdownNow();
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** Takes a place in the queue; false when it is full. Every true must be followed by {@link #submit} or {@link #release}. */
    boolean reserve() {
        return room.tryAcquire();
    }

    void release() {
        room.release();
    }

    /** Queues a part for which {@link #reserve} succeeded. */
    void submit(PartApplier.QueuedPart part) {
        active.merge(part.importId(), 1, Integer::sum);
        metrics.queued(part.spool().count());
        executor.execute(() -> run(part));
    }

    private void run(PartApplier.QueuedPart part) {
        try {
            if (applier.apply(part, metrics::applied)) {
                LOG.info("import {} part {} applied ({} events)", part.importId(), part.part(), part.spool().count());
            }
        } catch (Exception e) {
            String reason = "part " + part.part() + " could not be applied: " + PartApplier.describe(e)
                    + "; the import's events were removed";
            LOG.warn("import {} failed: {}", part.importId(), reason, e);
            metrics.failed();
            try {
                removal.fail(part.importId(), reason);
            } catch (RuntimeException cleanup) {
                LOG.error("import {} could not be ended as failed; the heartbeat retries once it is stale", part.importId(),
                        cleanup);
            }
        } finally {
            part.spool().delete();
            metrics.dequeued(part.spool().count());
            room.release();
            active.computeIfPresent(part.importId(), (id, parts) -> parts == 1 ? null : parts - 1);
        }
    }

    private void beat() {
        try {
            List<Long> alive = List.copyOf(active.keySet());
            List<Long> stale = jdbi.withHandle(h -> {
                ImportDao dao = h.attach(ImportDao.class);
                if (!alive.isEmpty()) {
                    dao.touch(alive);
                }
                return dao.stale(staleSeconds);
            });
            for (long id : stale) {
                if (!active.containsKey(id)) {
                    LOG.warn("import {} ended as failed: no process has applied its parts for {} s", id, staleSeconds);
                    removal.fail(id, "interrupted: the process applying it stopped before it finished; its events"
                            + " were removed, so import them again");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("import heartbeat failed; retrying in a minute", e);
        }
    }
}
