package org.credanalytics.ingest;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.credanalytics.api.ApiException;
import org.credanalytics.ingest.routing.IngestTopology;
import org.credanalytics.ingest.routing.WriteNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces concurrent ingest requests into large COPY transactions.
 *
 * <p>Requests are queued per database node ({@link IngestTopology}: on Citus, the worker holding
 * most of a request's rows; else the one database), and several writer threads per node (each with
 * its own connection) take groups from that node's queue, so one group can be sent while another
 * commits. A request always goes whole to one node, in one transaction. Invariants: a request's
 * future completes successfully only after the transaction holding all of its events committed; each {@code (institution_id, event_id)} is stored at most once,
 * whether it repeats within a flush, across flushes or across service instances. The queue is
 * bounded in events: when full, {@link #submit} refuses at once (429) instead of growing. On
 * {@link #stop()} the writer refuses new work and drains everything already queued.
 *
 * <p>A flush first tries a plain COPY of the whole group (the fast path). If the COPY fails for
 * any reason but a lost connection or a serialization conflict, it looks up which keys are already
 * stored, drops them, and retries. It does not trust the error's SQLSTATE to say "duplicate key":
 * a Citus coordinator re-raises a worker's unique violation (and its data errors) as {@code XX000},
 * with the worker's message but without its code. Only when no stored key explains the failure is
 * it taken for a data error (isolated to the request that caused it) or an outage (503).
 */
public final class BatchWriter implements Managed, MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final int MAX_ATTEMPTS = 5;

    private final IngestTopology topology;
    private final IngestConfiguration config;
    private final IngestMetrics metrics;
    /** One queue and its writer threads per node: those known at start, others on their first request. */
    private final Map<WriteNode, LinkedBlockingQueue<PendingBatch>> queues = new ConcurrentHashMap<>();
    private final Semaphore capacity;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean accepting;

    public BatchWriter(IngestTopology topology, IngestConfiguration config, IngestMetrics metrics) {
        this.topology = topology;
        this.config = config;
        this.metrics = metrics;
        this.capacity = new Semaphore(config.getQueueCapacity());
    }

    /** Queues events for the next flush; the future completes once they are committed. */
    public CompletableFuture<IngestResult> submit(List<Event> events) {
        if (!accepting) {
            throw unavailable("the service is shutting down");
        }
        if (!capacity.tryAcquire(events.size())) {
            metrics.queueFull();
            throw new ApiException(429, "ingest queue is full; retry after the indicated delay", List.of(), retryAfter());
        }
        PendingBatch batch = new PendingBatch(events);
        queueOf(topology.route(events)).add(batch);
        return batch.result();
    }

    private LinkedBlockingQueue<PendingBatch> queueOf(WriteNode node) {
        LinkedBlockingQueue<PendingBatch> queue = queues.get(node);
        return queue != null ? queue : startLane(node);
    }

    /** The node's queue and writer threads; on the coordinator (or the one database) its own COPY, else through a worker. */
    private synchronized LinkedBlockingQueue<PendingBatch> startLane(WriteNode node) {
        LinkedBlockingQueue<PendingBatch> existing = queues.get(node);
        if (existing != null) {
            return existing;
        }
        LinkedBlockingQueue<PendingBatch> queue = new LinkedBlockingQueue<>();
        for (int i = 0; i < config.getWriterThreads(); i++) {
            EventStore store = node.coordinator() ? new EventStore(node.connections())
                    : EventStore.throughWorker(node.connections(), topology.coordinator().connections());
            Counter committed = metrics.nodeEvents(node.name());
            Thread thread = new Thread(() -> run(queue, store, committed), "batch-writer-" + node.name() + "-" + i);
            threads.add(thread);
            thread.start();
        }
        queues.put(node, queue);
        LOG.info("Ingest writes through {} with {} writer threads", node.name(), config.getWriterThreads());
        return queue;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(IngestMetrics.QUEUE_DEPTH, this, BatchWriter::queuedEvents)
                .description("Events queued for the writer, not yet committed").baseUnit("events").register(registry);
    }

    /** Events accepted into the queue and not yet committed or failed. */
    public int queuedEvents() {
        return config.getQueueCapacity() - capacity.availablePermits();
    }

    @Override
    public synchronized void start() {
        topology.start();
        accepting = true;
        startLane(topology.coordinator());
        topology.nodes().forEach(this::startLane);
    }

    @Override
    public void stop() throws InterruptedException {
        accepting = false;
        topology.stop();
        joinWriters();
    }

    private synchronized void joinWriters() throws InterruptedException {
        long deadline = System.currentTimeMillis() + config.getAckTimeout().toMilliseconds() + 10_000;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (thread.isAlive()) {
                LOG.error("Batch writer did not drain in time; {} events not written", queuedEvents());
                thread.interrupt();
            }
        }
        threads.clear();
        queues.clear();
    }

    /** One writer thread with its own connection; several run side by side, each flushing its own group. */
    private void run(LinkedBlockingQueue<PendingBatch> queue, EventStore store, Counter committed) {
        try (store) {
            store.connectQuietly(); // a new Citus session is costly: not on the first request's time
            while (accepting || !queue.isEmpty()) {
                try {
                    List<PendingBatch> group = nextGroup(queue);
                    if (!group.isEmpty()) {
                        flush(store, group, committed);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failAll(queue, unavailable("the writer was interrupted"));
                    return;
                } catch (RuntimeException e) {
                    LOG.error("Unexpected failure in the batch writer; continuing", e);
                }
            }
        }
    }

    /** Waits for a first batch, then gathers more until the flush is full or the linger time has passed. */
    private List<PendingBatch> nextGroup(LinkedBlockingQueue<PendingBatch> queue) throws InterruptedException {
        List<PendingBatch> group = new ArrayList<>();
        PendingBatch first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return group;
        }
        group.add(first);
        int events = first.size();
        long deadline = System.nanoTime() + config.getFlushLinger().toNanoseconds();
        while (events < config.getMaxFlushEvents()) {
            PendingBatch next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            group.add(next);
            events += next.size();
        }
        return group;
    }

    private void flush(EventStore store, List<PendingBatch> group, Counter committed) {
        long started = System.nanoTime();
        markRepeatsWithinGroup(group);
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                try {
                    List<Event> events = eventsToStore(group);
                    store.insert(events);
                    committed.increment(events.size());
                    // metered before the acks, so a client holding its ack also sees its flush counted
                    metrics.flushed(group.stream().mapToInt(PendingBatch::size).sum(), System.nanoTime() - started);
                    complete(group);
                    return;
                } catch (SQLException e) {
                    if (SqlStates.isTransient(e)) {
                        LOG.debug("Retrying a flush after {}", e.getSQLState());
                    } else if (SqlStates.isConnectionFailure(e)) {
                        throw e;
                    } else if (SqlStates.isMissingPartition(e)) {
                        LOG.info("Creating raw-event partitions for a flush: {}", e.getMessage());
                        store.createPartitions(utcDays(group));
                    } else if (markAlreadyStored(store, group) > 0 || SqlStates.isUniqueViolation(e)) {
                        LOG.debug("Retrying a flush without the keys already stored");
                    } else if (SqlStates.isDataError(e)) {
                        isolate(store, group, e, committed);
                        return;
                    } else {
                        throw e;
                    }
                }
            }
            fail(group, unavailable("could not settle duplicate keys with concurrent writers"));
        } catch (SQLException e) {
            LOG.warn("Database unavailable for a flush of {} requests: {}", group.size(), e.getMessage());
            topology.nodeUnreachable();
            fail(group, unavailable("the database is unavailable"));
        }
    }

    /** A data error should be impossible after validation; keep it to the request that caused it. */
    private void isolate(EventStore store, List<PendingBatch> group, SQLException cause, Counter committed) {
        if (group.size() == 1) {
            LOG.warn("The database rejected a validated batch", cause);
            fail(group, new ApiException(400, "the database rejected the batch: " + cause.getMessage(), List.of(), null));
            return;
        }
        for (PendingBatch batch : group) {
            batch.clearDuplicates();
            flush(store, List.of(batch), committed);
        }
    }

    private static void markRepeatsWithinGroup(List<PendingBatch> group) {
        Set<EventKey> seen = new HashSet<>();
        for (PendingBatch batch : group) {
            for (int i = 0; i < batch.size(); i++) {
                EventKey key = batch.events().get(i).key();
                if (key != null && !seen.add(key)) {
                    batch.markDuplicate(i);
                }
            }
        }
    }

    /** Marks the group's events whose keys are already stored as duplicates; returns how many it marked. */
    private int markAlreadyStored(EventStore store, List<PendingBatch> group) throws SQLException {
        List<EventKey> candidates = new ArrayList<>();
        for (PendingBatch batch : group) {
            batch.forEachPending((i, event) -> {
                if (event.key() != null) {
                    candidates.add(event.key());
                }
            });
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        Set<EventKey> stored = store.existing(candidates);
        for (PendingBatch batch : group) {
            batch.forEachPending((i, event) -> {
                if (event.key() != null && stored.contains(event.key())) {
                    batch.markDuplicate(i);
                }
            });
        }
        return stored.size();
    }

    private static Set<LocalDate> utcDays(List<PendingBatch> group) {
        Set<LocalDate> days = new TreeSet<>();
        for (PendingBatch batch : group) {
            batch.forEachPending((i, event) -> days.add(LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC)));
        }
        return days;
    }

    private static List<Event> eventsToStore(List<PendingBatch> group) {
        List<Event> events = new ArrayList<>();
        for (PendingBatch batch : group) {
            batch.forEachPending((i, event) -> events.add(event));
        }
        return events;
    }

    private void complete(List<PendingBatch> group) {
        for (PendingBatch batch : group) {
            IngestResult result = batch.toResult();
            metrics.outcome(result);
            capacity.release(batch.size());
            batch.result().complete(result);
        }
    }

    private void fail(List<PendingBatch> group, ApiException failure) {
        for (PendingBatch batch : group) {
            metrics.failed(batch.size());
            capacity.release(batch.size());
            batch.result().completeExceptionally(failure);
        }
    }

    private void failAll(LinkedBlockingQueue<PendingBatch> queue, ApiException failure) {
        List<PendingBatch> rest = new ArrayList<>();
        queue.drainTo(rest);
        fail(rest, failure);
    }

    private ApiException unavailable(String message) {
        return new ApiException(503, message + "; the request was not acknowledged, retry it"
                + " (event ids make retries safe)", List.of(), retryAfter());
    }

    private Duration retryAfter() {
        return Duration.ofMillis(config.getRetryAfter().toMilliseconds());
    }
}
