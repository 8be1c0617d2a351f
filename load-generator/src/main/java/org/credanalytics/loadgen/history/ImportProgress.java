package org.credanalytics.loadgen.history;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the client knows about a running import: what it has sent, and the import's latest status.
 * Each {@link #run()} (one per poll interval, on a ticker thread) fetches the status and prints one
 * progress line; the sending thread records parts with {@link #sent}. A failed status request is
 * printed and counted, not thrown: the next tick tries again.
 */
final class ImportProgress implements Runnable {
    private final ImportClient client;
    private final PrintStream out;
    private final long startNanos;
    private final long totalEvents;
    private final int totalParts;
    private final AtomicLong eventsSent = new AtomicLong();
    private volatile int partsSent;
    private volatile boolean allSent;
    private volatile Long importId;
    private volatile ImportStatus latest;
    private volatile int failedPolls;

    ImportProgress(ImportClient client, PrintStream out, long startNanos, long totalEvents, int totalParts) {
        this.client = client;
        this.out = out;
        this.startNanos = startNanos;
        this.totalEvents = totalEvents;
        this.totalParts = totalParts;
    }

    void started(long id) {
        importId = id;
    }

    void sent(Part part) {
        eventsSent.addAndGet(part.events());
        partsSent++;
    }

    /** No more parts will come: the last one was sent, or sending stopped. */
    void allSent() {
        allSent = true;
    }

    long eventsSent() {
        return eventsSent.get();
    }

    int partsSent() {
        return partsSent;
    }

    Long importId() {
        return importId;
    }

    ImportStatus latest() {
        return latest;
    }

    int failedPolls() {
        return failedPolls;
    }

    /** True once the status says failed, or done with every part this client sent. */
    boolean finished() {
        ImportStatus status = latest;
        return status != null && (status.failed() || (allSent && status.complete() && status.parts() >= partsSent));
    }

    @Override
    public void run() {
        if (refresh()) {
            out.println(line());
        }
    }

    /** Fetches the import's status, if it has started; false only when interrupted. */
    boolean refresh() {
        Long id = importId;
        if (id == null) {
            return true;
        }
        try {
            latest = client.status(id);
            failedPolls = 0;
        } catch (ImportException e) {
            failedPolls++;
            out.println("status of import " + id + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    String line() {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "[%4.0fs] sent %,d/%,d events (%d/%d parts, %,.0f ev/s)", seconds, eventsSent.get(), totalEvents,
                partsSent, totalParts, eventsSent.get() / seconds));
        ImportStatus status = latest;
        if (status != null) {
            text.append(String.format(Locale.ROOT,
                    " | import %d %s: parts %d/%d, read %,d, imported %,d (%,.0f ev/s), duplicates %,d, rejected %,d",
                    status.id(), status.state(), status.partsDone(), status.parts(), status.read(), status.imported(),
                    status.imported() / seconds, status.duplicates(), status.rejected()));
        }
        return text.toString();
    }
}
