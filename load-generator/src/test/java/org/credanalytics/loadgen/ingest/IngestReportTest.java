package org.credanalytics.loadgen.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.credanalytics.loadgen.Json;
import org.credanalytics.loadgen.Scenario;
import org.credanalytics.loadgen.schedule.LatencyRecorder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class IngestReportTest {

    @Test
    void reportHasExactlyTheDocumentedFields() {
        JsonNode json = Json.MAPPER.valueToTree(sampleReport());

        assertThat(fieldNames(json)).containsExactly("run_id", "scenario", "seed", "target_rate", "achieved_rate",
                "sent", "acked", "accepted", "duplicates", "rejected", "failed", "errors", "backoffs", "retries",
                "latency_ms", "duration_s", "batch_size", "concurrency", "sequence_count", "acked_unique",
                "unacked_ranges", "rejected_ranges");
        assertThat(fieldNames(json.get("latency_ms"))).containsExactly("p50", "p90", "p99", "p999", "max");
        assertThat(fieldNames(json.get("unacked_ranges").get(0))).containsExactly("first", "last");
    }

    @Test
    void reportValuesAreComputedFromCountersLedgerAndHistogram() {
        IngestReport report = sampleReport();

        assertThat(report.runId()).isEqualTo("run-1");
        assertThat(report.scenario()).isEqualTo("mixed-bad");
        assertThat(report.targetRate()).isEqualTo(500.0);
        assertThat(report.sent()).isEqualTo(400);
        assertThat(report.acked()).isEqualTo(300);
        assertThat(report.durationS()).isEqualTo(2.0);
        assertThat(report.achievedRate()).isEqualTo(150.0);
        assertThat(report.duplicates()).isEqualTo(100);
        assertThat(report.accepted()).isEqualTo(200);
        assertThat(report.rejected()).isEqualTo(50);
        assertThat(report.failed()).isEqualTo(50);
        assertThat(report.errors()).isEqualTo(1);
        assertThat(report.backoffs()).isEqualTo(2);
        assertThat(report.sequenceCount()).isEqualTo(350);
        assertThat(report.ackedUnique()).isEqualTo(250);
        assertThat(report.unackedRanges()).containsExactly(new SeqRange(250, 299));
        assertThat(report.rejectedRanges()).containsExactly(new SeqRange(300, 349));
        // Latencies of 10, 20, 30 and 1000 ms: with four samples p50 is the second, p90 and up the largest.
        assertThat(report.latencyMs().p50()).isBetween(20.0, 20.02);
        assertThat(report.latencyMs().p90()).isBetween(1000.0, 1000.5);
        assertThat(report.latencyMs().p999()).isBetween(1000.0, 1000.5);
        assertThat(report.latencyMs().max()).isBetween(1000.0, 1000.5);
    }

    private static IngestReport sampleReport() {
        IngestSettings settings = new IngestSettings(URI.create("http://localhost:1"), 500, Duration.ofSeconds(2), 50, 2,
                10, 1.1, Scenario.MIXED_BAD, 1, "run-1", null, BodyFormat.JSON, Duration.ofSeconds(1), 3, 10,
                Duration.ofSeconds(1), false);
        IngestCounters counters = new IngestCounters();
        counters.sent.add(400);
        counters.acked.add(300);
        counters.accepted.add(200);
        counters.duplicates.add(100);
        counters.rejected.add(50);
        counters.rejectedBatches.increment();
        counters.failed.add(50);
        counters.failedBatches.increment();
        counters.backoffs.add(2);
        AckLedger ledger = new AckLedger();
        for (long first = 0; first < 250; first += 50) {
            ledger.acknowledged(new SeqRange(first, first + 49));
        }
        ledger.acknowledged(new SeqRange(0, 49)); // a re-send of the first batch
        ledger.notAcknowledged(new SeqRange(250, 299));
        ledger.invalid(new SeqRange(300, 349));
        Histogram micros = new Histogram(LatencyRecorder.HIGHEST_MICROS, 3);
        for (long ms : new long[] {10, 20, 30, 1000}) {
            micros.recordValue(ms * 1000);
        }
        return IngestReports.build(settings, counters, ledger, micros, 350, 2_000_000_000L);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
