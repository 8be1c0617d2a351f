package org.credanalytics.loadgen.ingest;

import org.HdrHistogram.Histogram;
import org.credanalytics.loadgen.schedule.LatencySummary;

/** Computes the report from the run's counters, ledger and latency histogram. */
final class IngestReports {
    private IngestReports() {
    }

    static IngestReport build(IngestSettings settings, IngestCounters counters, AckLedger ledger,
                              Histogram latencyMicros, long sequenceCount, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        long acked = counters.acked.sum();
        return new IngestReport(
                settings.runId(),
                settings.scenario().cliName(),
                settings.seed(),
                settings.rate(),
                seconds > 0 ? round(acked / seconds, 1) : 0,
                counters.sent.sum(),
                acked,
                counters.accepted.sum(),
                counters.duplicates.sum(),
                counters.rejected.sum(),
                counters.failed.sum(),
                counters.errors(),
                counters.backoffs.sum(),
                counters.retries.sum(),
                LatencySummary.of(latencyMicros),
                round(seconds, 3),
                settings.batchSize(),
                settings.concurrency(),
                sequenceCount,
                ledger.ackedUnique(),
                ledger.unackedRanges(),
                ledger.rejectedRanges());
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
