package org.credanalytics.loadgen.ingest;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.credanalytics.loadgen.gen.EventGenerator;
import org.credanalytics.loadgen.schedule.LatencyRecorder;
import org.credanalytics.loadgen.schedule.LatencySummary;
import org.credanalytics.loadgen.schedule.NanoClock;
import org.credanalytics.loadgen.schedule.OpenLoopRunner;
import org.credanalytics.loadgen.schedule.PercentileTable;
import org.credanalytics.loadgen.schedule.RateSchedule;
import org.credanalytics.loadgen.schedule.Scheduled;

/**
 * One open-loop ingest run: batches are due at the scenario's rate, each batch's latency runs from
 * its due time to its final answer (including backoffs and retries), and every batch ends as
 * acknowledged, rejected or failed in the {@link AckLedger}, so the report says exactly which
 * events the service promised to have stored.
 */
public final class IngestRun {
    static final long BURST_PERIOD_NANOS = 10_000_000_000L;
    static final long BURST_NANOS = 2_000_000_000L;
    static final double BURST_FACTOR = 5;
    private static final int PROBLEMS_SHOWN = 5;

    private final IngestSettings settings;
    private final PrintStream out;
    private final HttpClient client;
    private final NanoClock clock = NanoClock.SYSTEM;
    private final IngestCounters counters = new IngestCounters();
    private final AckLedger ledger = new AckLedger();
    private final LatencyRecorder latency = new LatencyRecorder();
    private final AtomicInteger problemsShown = new AtomicInteger();
    private final RateSchedule schedule;
    private long ackedAtLastTick;

    public IngestRun(IngestSettings settings, PrintStream out, HttpClient client) {
        this.settings = settings;
        this.out = out;
        this.client = client;
        this.schedule = schedule(settings);
    }

    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static RateSchedule schedule(IngestSettings settings) {
        return settings.scenario().bursts()
                ? RateSchedule.burst(settings.rate(), settings.batchSize(), BURST_PERIOD_NANOS, BURST_NANOS, BURST_FACTOR)
                : RateSchedule.steady(settings.rate(), settings.batchSize());
    }

    public IngestReport run() throws InterruptedException {
        EventGenerator generator = new EventGenerator(settings.generator(), System::currentTimeMillis);
        BatchPlanner planner = new BatchPlanner(generator, settings.scenario(), settings.batchSize(), settings.seed(),
                settings.body(), settings.batchPerInstitution());
        BatchSender sender = new BatchSender(client, settings, clock, counters);
        OpenLoopRunner<Batch> runner = new OpenLoopRunner<>(schedule, settings.duration().toNanos(),
                settings.drainTimeout().toNanos(), settings.concurrency(), clock);
        out.printf(Locale.ROOT, "ingest run %s: %s at %.0f events/s for %s, batches of %d, concurrency %d -> %s%n",
                settings.runId(), settings.scenario(), settings.rate(), settings.duration(), settings.batchSize(),
                settings.concurrency(), settings.target());
        OpenLoopRunner.Summary summary = runner.run(planner::next, scheduled -> handle(sender, scheduled), this::tick);
        Histogram total = latency.total();
        IngestReport report = IngestReports.build(settings, counters, ledger, total, planner.sequenceCount(),
                summary.elapsedNanos());
        out.println();
        PercentileTable.print(out, "batch latency", total);
        out.printf(Locale.ROOT, "sent %d, acked %d (%.0f/s), duplicates %d, rejected %d, failed %d, errors %d, "
                        + "backoffs %d, retries %d in %.1f s%n",
                report.sent(), report.acked(), report.achievedRate(), report.duplicates(), report.rejected(),
                report.failed(), report.errors(), report.backoffs(), report.retries(), report.durationS());
        return report;
    }

    private void handle(BatchSender sender, Scheduled<Batch> scheduled) {
        Batch batch = scheduled.item();
        Delivery delivery;
        try {
            delivery = sender.deliver(batch, scheduled.deadlineNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery = Delivery.failed(0, false, 0, "interrupted");
        }
        if (delivery.answered()) {
            latency.recordNanos(clock.nanoTime() - scheduled.intendedNanos());
        }
        if (delivery.attempts() > 0) {
            counters.sent.add(batch.events());
        }
        account(batch, delivery);
    }

    private void account(Batch batch, Delivery delivery) {
        if (batch.kind() == Batch.Kind.INVALID) {
            ledger.invalid(batch.range());
            switch (delivery.outcome()) {
                case REJECTED -> {
                    counters.rejected.add(batch.events());
                    counters.rejectedBatches.increment();
                }
                case ACKED -> {
                    counters.wronglyAccepted.increment();
                    problem(batch, delivery, "invalid batch (" + batch.defect() + ") was accepted");
                }
                case FAILED -> failed(batch, delivery);
            }
            return;
        }
        if (delivery.outcome() == Delivery.Outcome.ACKED) {
            counters.acked.add(batch.events());
            counters.accepted.add(delivery.accepted());
            counters.duplicates.add(delivery.duplicates());
            ledger.acknowledged(batch.range());
        } else {
            ledger.notAcknowledged(batch.range());
            failed(batch, delivery);
        }
    }

    private void failed(Batch batch, Delivery delivery) {
        counters.failed.add(batch.events());
        counters.failedBatches.increment();
        problem(batch, delivery, delivery.outcome() == Delivery.Outcome.REJECTED ? "valid batch rejected" : "batch failed");
    }

    private void problem(Batch batch, Delivery delivery, String what) {
        int shown = problemsShown.incrementAndGet();
        if (shown <= PROBLEMS_SHOWN) {
            out.printf(Locale.ROOT, "! %s: batch %d (ids %s-%d..%d) status %d after %d attempt(s): %s%n", what,
                    batch.index(), settings.runId(), batch.range().first(), batch.range().last(), delivery.status(),
                    delivery.attempts(), delivery.detail());
        } else if (shown == PROBLEMS_SHOWN + 1) {
            out.println("! further problems are only counted");
        }
    }

    private void tick(int second) {
        Histogram interval = latency.nextInterval();
        long acked = counters.acked.sum();
        long ackedThisSecond = acked - ackedAtLastTick;
        ackedAtLastTick = acked;
        long middle = second * 1_000_000_000L - 500_000_000L;
        // Past the scheduled end only retries and in-flight batches remain: nothing is due.
        double target = middle < settings.duration().toNanos() ? schedule.eventsPerSecondAt(middle) : 0;
        out.printf(Locale.ROOT, "[%4ds] target %8.0f/s  achieved %8d/s  p50 %8.1f ms  p99 %8.1f ms  errors %d  backoffs %d%n",
                second, target, ackedThisSecond, percentile(interval, 50), percentile(interval, 99),
                counters.errors(), counters.backoffs.sum());
    }

    private static double percentile(Histogram micros, double p) {
        return micros.getTotalCount() == 0 ? 0 : LatencySummary.millis(micros.getValueAtPercentile(p));
    }
}
