package org.credanalytics.loadgen.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;

/**
 * Runs work on a fixed schedule, independent of how fast it completes (open loop). A producer
 * creates item n, waits until its due time and queues it; {@code concurrency} workers take items
 * and handle them. When all workers are busy, items wait in the queue, and when the queue is full
 * the producer waits too, but every item keeps the due time the schedule gave it, so a stalled
 * server shows up as latency instead of as fewer requests (coordinated omission).
 */
public final class OpenLoopRunner<T> {
    /** Start a little in the future so the first item is not already late while threads start. */
    private static final long LEAD_NANOS = 20_000_000L;
    private static final Object POISON = new Object();

    private final RateSchedule schedule;
    private final long durationNanos;
    private final long drainNanos;
    private final int concurrency;
    private final NanoClock clock;
    private final AtomicLong handlerFailures = new AtomicLong();
    private final AtomicInteger workerIds = new AtomicInteger();

    /** What a run did. */
    public record Summary(long startNanos, long items, long elapsedNanos, long handlerFailures) {
    }

    /** Handles one due item on a worker thread. */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(Scheduled<T> scheduled);
    }

    /**
     * @param drainNanos how long after the scheduled end in-flight work may still run (and retry)
     */
    public OpenLoopRunner(RateSchedule schedule, long durationNanos, long drainNanos, int concurrency, NanoClock clock) {
        if (concurrency < 1 || durationNanos <= 0 || drainNanos < 0) {
            throw new IllegalArgumentException("concurrency and duration must be positive");
        }
        this.schedule = schedule;
        this.durationNanos = durationNanos;
        this.drainNanos = drainNanos;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /**
     * Runs the schedule to its end and waits for the workers to finish.
     *
     * @param source creates item n, on the producer thread and in order, so output is deterministic
     * @param ticker called once per second of the run with the second number, or null
     */
    public Summary run(LongFunction<T> source, Handler<T> handler, IntConsumer ticker) throws InterruptedException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(Math.max(16, concurrency * 4));
        long start = clock.nanoTime() + LEAD_NANOS;
        long deadline = start + durationNanos + drainNanos;
        List<Thread> workers = startWorkers(queue, handler);
        ScheduledExecutorService ticks = ticker == null ? null : startTicker(ticker, start);
        long n = 0;
        try {
            for (; ; n++) {
                long offset = schedule.offsetNanos(n);
                if (offset >= durationNanos || clock.nanoTime() - deadline >= 0) {
                    break;
                }
                T item = source.apply(n);
                long intended = start + offset;
                clock.sleepUntil(intended);
                queue.put(new Scheduled<>(item, n, intended, deadline));
            }
        } finally {
            for (int i = 0; i < workers.size(); i++) {
                queue.put(POISON);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (ticks != null) {
                ticks.shutdownNow();
                // Let a tick in progress finish printing before the caller prints its summary.
                ticks.awaitTermination(1, TimeUnit.SECONDS);
            }
        }
        return new Summary(start, n, clock.nanoTime() - start, handlerFailures.get());
    }

    private List<Thread> startWorkers(BlockingQueue<Object> queue, Handler<T> handler) {
        List<Thread> workers = new ArrayList<>(concurrency);
        for (int i = 0; i < concurrency; i++) {
            Thread worker = new Thread(() -> work(queue, handler), "loadgen-worker-" + workerIds.incrementAndGet());
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        return workers;
    }

    @SuppressWarnings("unchecked")
    private void work(BlockingQueue<Object> queue, Handler<T> handler) {
        try {
            for (Object next = queue.take(); next != POISON; next = queue.take()) {
                try {
                    handler.handle((Scheduled<T>) next);
                } catch (RuntimeException e) {
                    // A bug in a handler must not silently shrink the worker pool; count it and go on.
                    if (handlerFailures.getAndIncrement() == 0) {
                        e.printStackTrace();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ScheduledExecutorService startTicker(IntConsumer ticker, long start) {
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loadgen-progress");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger second = new AtomicInteger();
        // Fixed rate keeps ticks aligned with the run's seconds, like the schedule itself.
        ticks.scheduleAtFixedRate(() -> {
            try {
                ticker.accept(second.incrementAndGet());
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }, start + 1_000_000_000L - clock.nanoTime(), 1_000_000_000L, TimeUnit.NANOSECONDS);
        return ticks;
    }
}
