package org.credanalytics.loadgen.history;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One history import: generates the parts on a thread of their own, one ahead of the upload, so
 * that at most two compressed parts are in memory; sends the first with {@code POST /v1/imports}
 * and the rest to its {@code /parts} in order; then waits until the import is done with every
 * part, or failed, printing a progress line per poll. Stops sending when an answer says the
 * import failed.
 */
public final class HistoryRun {
    private static final int REJECTIONS_SHOWN = 10;
    private static final int MAX_FAILED_POLLS = 30;

    private final HistorySettings settings;
    private final ImportClient client;
    private final PrintStream out;

    public HistoryRun(HistorySettings settings, ImportClient client, PrintStream out) {
        this.settings = settings;
        this.client = client;
        this.out = out;
    }

    public HistorySummary run() throws InterruptedException {
        HistoryPlan plan = settings.plan();
        HistoryParts parts = settings.newParts();
        out.printf(Locale.ROOT, "history: %,d events over %d days [%s, %s), %s, run id %s, %d part(s) of up to %,d events%n",
                settings.events(), settings.days(), plan.from(), plan.until(),
                settings.institution() == null ? settings.institutions() + " institutions (Zipf " + settings.skew() + ")"
                        : "institution " + settings.institution(),
                settings.runId(), parts.count(), settings.partEvents());
        long start = System.nanoTime();
        ImportProgress progress = new ImportProgress(client, out, start, settings.events(), parts.count());
        ExecutorService maker = Executors.newSingleThreadExecutor(daemon("history-parts"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("history-progress"));
        String error = null;
        try {
            long every = settings.pollInterval().toMillis();
            ticker.scheduleWithFixedDelay(progress, every, every, TimeUnit.MILLISECONDS);
            error = send(parts, maker, progress);
            if (error == null) {
                error = await(progress);
            }
        } catch (ImportException | IllegalStateException e) {
            // IllegalStateException: a part over the body limit, refused before it was sent.
            error = e.getMessage();
        } finally {
            progress.allSent();
            maker.shutdownNow();
            ticker.shutdownNow();
            ticker.awaitTermination(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
        // The final line, from the final state: the ticker's last one may predate the count of the
        // last part (its poll can see the part applied before the sender counted it), or sending or
        // waiting stopped early.
        if (!progress.finished()) {
            progress.refresh();
        }
        out.println(progress.line());
        return summarize(plan, progress, error, (System.nanoTime() - start) / 1e9);
    }

    /** Sends every part; returns why it stopped early, or null. */
    private String send(HistoryParts parts, ExecutorService maker, ImportProgress progress) throws InterruptedException {
        int count = parts.count();
        Future<Part> next = maker.submit(parts::next);
        for (int n = 1; n <= count; n++) {
            Part part = made(next);
            if (n < count) {
                next = maker.submit(parts::next);
            }
            ImportAccepted answer;
            if (n == 1) {
                answer = client.start(ImportBody.of(part), settings.atomic());
                progress.started(answer.id());
                out.printf(Locale.ROOT, "import %d started (%s); poll it with GET /v1/imports/%d%n",
                        answer.id(), answer.location(), answer.id());
            } else {
                answer = client.addPart(progress.importId(), ImportBody.of(part));
            }
            progress.sent(part);
            if (answer.failed()) {
                return "import " + answer.id() + " failed after part " + answer.part() + " of " + count
                        + (n < count ? "; the remaining parts were not sent" : "");
            }
        }
        progress.allSent();
        return null;
    }

    /** Waits for the ticker to see the end; returns why it gave up, or null. */
    private String await(ImportProgress progress) throws InterruptedException {
        long deadline = System.nanoTime() + settings.waitTimeout().toNanos();
        while (!progress.finished()) {
            if (System.nanoTime() - deadline > 0) {
                return "import " + progress.importId() + " did not finish within " + settings.waitTimeout();
            }
            if (progress.failedPolls() >= MAX_FAILED_POLLS) {
                return "the status of import " + progress.importId() + " could not be read " + MAX_FAILED_POLLS
                        + " times in a row";
            }
            Thread.sleep(20);
        }
        ImportStatus status = progress.latest();
        return status.failed() ? "import " + status.id() + " failed: " + status.error() : null;
    }

    private HistorySummary summarize(HistoryPlan plan, ImportProgress progress, String error, double seconds) {
        ImportStatus status = progress.latest();
        if (status != null) {
            status.rejections().stream().limit(REJECTIONS_SHOWN).forEach(r -> out.printf(Locale.ROOT,
                    "rejected: part %d line %d %s: %s%n", r.part(), r.line(), r.field(), r.message()));
            if (status.rejected() > REJECTIONS_SHOWN) {
                out.printf(Locale.ROOT, "... %,d rejected in all%n", status.rejected());
            }
        }
        if (error != null) {
            out.println("error: " + error);
        }
        long events = progress.eventsSent();
        return new HistorySummary(progress.importId(), events,
                status == null ? 0 : status.imported(), status == null ? 0 : status.duplicates(),
                status == null ? 0 : status.rejected(), round(seconds), round(events / Math.max(seconds, 1e-9)),
                status == null ? null : status.state(), error, progress.partsSent(), settings.runId(),
                plan.from().toString(), plan.until().toString());
    }

    private static Part made(Future<Part> part) throws InterruptedException {
        try {
            return part.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
