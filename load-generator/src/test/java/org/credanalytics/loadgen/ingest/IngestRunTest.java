package org.credanalytics.loadgen.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.credanalytics.loadgen.gen.IngestRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class IngestRunTest {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void backsOffOnRetryAfterAndResendsTheSameIds() throws Exception {
        try (FakeIngestService service = new FakeIngestService((n, events) -> n == 0
                ? new FakeIngestService.Answer(429, Map.of("Retry-After", "1"), "{\"code\":429,\"message\":\"queue full\"}")
                : null)) {

            IngestReport report = run(service, "--rate", "200", "--batch-size", "20", "--duration", "500ms",
                    "--concurrency", "2", "--api-key", "secret");

            assertThat(report.backoffs()).isEqualTo(1);
            assertThat(service.requests).hasSize(6);
            List<String> refused = service.requests.get(0);
            assertThat(service.requests.subList(1, 6)).contains(refused);
            assertThat(refused).allMatch(id -> id.startsWith("it-1-"));
            assertThat(service.authorizations).containsOnly("Bearer secret");
            assertThat(report.sent()).isEqualTo(100);
            assertThat(report.acked()).isEqualTo(100);
            assertThat(report.accepted()).isEqualTo(100);
            assertThat(report.failed()).isZero();
            assertThat(report.errors()).isZero();
            assertThat(report.ackedUnique()).isEqualTo(100);
            assertThat(report.sequenceCount()).isEqualTo(100);
            assertThat(report.unackedRanges()).isEmpty();
            assertThat(service.stored).hasSize(100);
            // The second of backoff is the refused batch's latency, not hidden.
            assertThat(report.latencyMs().max()).isGreaterThanOrEqualTo(1000.0);
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("batch latency", "p99.99");
        }
    }

    @Test
    void aStalledServerShowsUpAsLatencyOfTheBatchesThatWaited() throws Exception {
        try (FakeIngestService service = new FakeIngestService((n, events) -> {
            if (n == 0) {
                Thread.sleep(500);
            }
            return null;
        })) {

            IngestReport report = run(service, "--rate", "200", "--batch-size", "10", "--duration", "1s",
                    "--concurrency", "1");

            // Batches due every 50 ms queued behind the 500 ms stall; measured from their due times, most of
            // the first ten took hundreds of ms. Measured from when they were sent, they would all look fast.
            assertThat(report.acked()).isEqualTo(200);
            assertThat(report.latencyMs().max()).isGreaterThanOrEqualTo(500.0);
            assertThat(report.latencyMs().p90()).isGreaterThanOrEqualTo(300.0);
        }
    }

    @Test
    void invalidBatchesThatAreRefusedCountAsRejectedAndNeverAsAcked() throws Exception {
        try (FakeIngestService service = new FakeIngestService(IngestRunTest::validateLikeTheService)) {

            IngestReport report = run(service, "--scenario", "mixed-bad", "--rate", "2000", "--batch-size", "5",
                    "--duration", "500ms", "--concurrency", "4");

            long invalid = report.rejectedRanges().stream().mapToLong(SeqRange::size).sum();
            assertThat(invalid).as("seed 1 plans some invalid batches").isPositive();
            assertThat(report.rejected()).isEqualTo(invalid);
            assertThat(report.errors()).isZero();
            assertThat(report.acked()).isEqualTo(report.sent() - invalid);
            assertThat(report.ackedUnique()).isEqualTo(report.sequenceCount() - invalid);
            assertThat(service.stored).hasSize((int) report.ackedUnique());
        }
    }

    @Test
    void anInvalidBatchThatIsAcceptedIsAnError() throws Exception {
        try (FakeIngestService service = new FakeIngestService((n, events) -> null)) {

            IngestReport report = run(service, "--scenario", "mixed-bad", "--rate", "2000", "--batch-size", "5",
                    "--duration", "500ms", "--concurrency", "4");

            assertThat(report.rejected()).isZero();
            assertThat(report.errors()).isEqualTo(report.rejectedRanges().stream().mapToLong(SeqRange::size).sum() / 5);
            assertThat(report.errors()).isPositive();
        }
    }

    @Test
    void batchesThatKeepFailingAreReportedAsUnacknowledged() throws Exception {
        try (FakeIngestService service = new FakeIngestService((n, events) -> n == 1
                ? null
                : new FakeIngestService.Answer(500, Map.of(), "{\"code\":500,\"message\":\"boom\"}"))) {

            IngestReport report = run(service, "--rate", "100", "--batch-size", "10", "--duration", "200ms",
                    "--concurrency", "1", "--max-attempts", "2");

            // Batch 0: 500 then (attempt 2) stored; batch 1: 500 twice, so not acknowledged.
            assertThat(report.acked()).isEqualTo(10);
            assertThat(report.failed()).isEqualTo(10);
            assertThat(report.retries()).isEqualTo(2);
            assertThat(report.unackedRanges()).containsExactly(new SeqRange(10, 19));
        }
    }

    private IngestReport run(FakeIngestService service, String... args) throws InterruptedException {
        String[] all = new String[args.length + 6];
        all[0] = "--target";
        all[1] = service.uri().toString();
        all[2] = "--run-id";
        all[3] = "it-1";
        all[4] = "--drain-timeout";
        all[5] = "10s";
        System.arraycopy(args, 0, all, 6, args.length);
        return IngestCommand.run(IngestCommand.settingsFrom(all), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private static FakeIngestService.Answer validateLikeTheService(int n, com.fasterxml.jackson.databind.JsonNode events) {
        for (int i = 0; i < events.size(); i++) {
            String problem = IngestRules.problem(events.get(i), Instant.now());
            if (problem != null) {
                return new FakeIngestService.Answer(400, Map.of(), "{\"code\":400,\"message\":\"invalid\",\"errors\":"
                        + "[{\"index\":" + i + ",\"field\":\"" + problem + "\",\"message\":\"bad\"}]}");
            }
        }
        return null;
    }
}
