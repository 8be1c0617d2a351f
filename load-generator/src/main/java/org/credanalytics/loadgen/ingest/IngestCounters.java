package org.credanalytics.loadgen.ingest;

import java.util.concurrent.atomic.LongAdder;

/** Counters shared by the workers, the progress line and the report. Counts are events unless named batches. */
final class IngestCounters {
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder rejectedBatches = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder failedBatches = new LongAdder();
    /** Invalid batches answered with 2xx: the service accepted what it must refuse. */
    final LongAdder wronglyAccepted = new LongAdder();
    final LongAdder backoffs = new LongAdder();
    final LongAdder retries = new LongAdder();

    void backoff() {
        backoffs.increment();
    }

    void retry() {
        retries.increment();
    }

    /** Batches that count as errors: not acknowledged when they should have been, or acknowledged when invalid. */
    long errors() {
        return failedBatches.sum() + wronglyAccepted.sum();
    }
}
