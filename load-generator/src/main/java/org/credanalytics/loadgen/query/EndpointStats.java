package org.credanalytics.loadgen.query;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.credanalytics.loadgen.schedule.LatencyRecorder;
import org.credanalytics.loadgen.schedule.LatencySummary;

/**
 * Counts and latencies of one endpoint (or of all of them), written by workers without locking.
 * A 2xx is a success, and so is a 304 to a request that sent {@code If-None-Match} (counted again
 * in {@code notModified}); a 304 to any other request is an error, since nothing asked for it.
 */
final class EndpointStats {
    final LatencyRecorder latency = new LatencyRecorder();
    final LongAdder sent = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder notModified = new LongAdder();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();

    /**
     * Status 0 stands for "no HTTP answer" and is reported as {@code io_error}.
     *
     * @param conditional whether the request sent {@code If-None-Match}
     */
    void record(int status, boolean answered, boolean conditional, long latencyNanos) {
        sent.increment();
        if (status == 304 && conditional) {
            ok.increment();
            notModified.increment();
        } else if (status >= 200 && status < 300) {
            ok.increment();
        } else {
            errors.increment();
        }
        if (answered) {
            latency.recordNanos(latencyNanos);
        }
        statuses.computeIfAbsent(status == 0 ? (answered ? "timeout" : "io_error") : String.valueOf(status),
                k -> new LongAdder()).increment();
    }

    EndpointReport report() {
        Map<String, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        return new EndpointReport(sent.sum(), ok.sum(), errors.sum(), LatencySummary.of(latency.total()), counts,
                notModified.sum());
    }
}
