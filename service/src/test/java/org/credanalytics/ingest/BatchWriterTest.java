package org.credanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.Writers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CleanDatabase.class)
class BatchWriterTest {
    private final TestDatabase db = TestDatabase.get();
    private BatchWriter writer;

    @BeforeEach
    void startWriter() {
        writer = Writers.started();
    }

    @AfterEach
    void stopWriter() throws InterruptedException {
        writer.stop();
    }

    @Test
    void storesEveryValueExactlyAsGiven() {
        Instant at = Instant.parse("2026-03-01T10:15:00.123456Z");
        byte[] metadata = "{\"recipient_id\":\"r-77\",\"unicode\":\"Zürich ✓ 𝄞\",\"n\":12345678901234567890}"
                .getBytes(StandardCharsets.UTF_8);

        writer.submit(List.of(new Event("e-1", "credential_issued", 42, at, metadata),
                new Event(null, "credential_viewed", Long.MAX_VALUE, Instant.parse("1900-01-01T00:00:00Z"), null))).join();

        Map<String, Object> row = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT event_id, institution_id, metadata->>'unicode' AS unicode, (metadata->>'n')::numeric::text AS n"
                        + " FROM analytics_events WHERE event_id = 'e-1'").mapToMap().one());
        assertThat(row).containsEntry("institution_id", 42L).containsEntry("unicode", "Zürich ✓ 𝄞")
                .containsEntry("n", "12345678901234567890");
        assertThat(db.jdbi().withHandle(h -> h.createQuery("SELECT issued_at FROM analytics_events WHERE event_id = 'e-1'")
                .mapTo(OffsetDateTime.class).one()).toInstant()).isEqualTo(at);
        assertThat(db.count("SELECT count(*) FROM analytics_events WHERE institution_id = " + Long.MAX_VALUE
                + " AND metadata IS NULL AND issued_at = '1900-01-01T00:00:00Z'")).isEqualTo(1);
    }

    @Test
    void eventsWrittenThroughEveryNodeCarryIdsOfTheOneSequence() throws InterruptedException {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        BatchWriter routed = Writers.started(new IngestConfiguration(), meters);
        try {
            for (int institution = 1; institution <= 40; institution++) {
                int of = institution;
                routed.submit(IntStream.range(0, 100)
                        .mapToObj(i -> new Event("n-" + of + "-" + i, "credential_issued", of, Instant.now(), null)).toList()).join();
            }
        } finally {
            routed.stop();
        }

        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(4_000);
        assertThat(db.count("SELECT count(*) FROM analytics_events WHERE id > (SELECT last_value FROM analytics_events_id_seq)"))
                .as("ids beyond the coordinator's sequence").isZero();
        List<String> writingNodes = meters.find(IngestMetrics.NODE_EVENTS).counters().stream()
                .filter(c -> c.count() > 0).map(c -> c.getId().getTag("node")).toList();
        if (db.isCitus()) {
            assertThat(writingNodes).as("the two workers, each writing its own institutions").hasSize(2)
                    .doesNotContain("coordinator");
        } else {
            assertThat(writingNodes).containsExactly("coordinator");
        }
    }

    @Test
    void concurrentRetriesOfTheSameEventsAreStoredOnce() throws Exception {
        List<Event> events = IntStream.range(0, 2_000)
                .mapToObj(i -> new Event("k-" + i, "credential_issued", 1 + i % 7, Instant.now(), null)).toList();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<CompletableFuture<IngestResult>> results = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            List<Event> slice = i % 2 == 0 ? events : events.subList(500, 1_500);
            results.add(CompletableFuture.supplyAsync(() -> writer.submit(slice), clients).thenCompose(f -> f));
        }

        int accepted = results.stream().mapToInt(f -> f.join().accepted()).sum();
        int duplicates = results.stream().mapToInt(f -> f.join().duplicates()).sum();
        clients.shutdown();

        assertThat(accepted).isEqualTo(2_000);
        assertThat(accepted + duplicates).isEqualTo(16 * 2_000 + 16 * 1_000);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(2_000);
        assertThat(db.count("SELECT count(DISTINCT (institution_id, event_id)) FROM analytics_events")).isEqualTo(2_000);
    }

    @Test
    void anEventForADayWithoutAPartitionCreatesItAndIsStored() {
        Instant day = Instant.parse("2032-02-29T23:59:59.999999Z");

        IngestResult result = writer.submit(List.of(new Event("p-1", "credential_issued", 3, day, null),
                new Event("p-2", "credential_issued", 3, Instant.parse("2032-03-01T00:00:00Z"), null))).join();

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM pg_class WHERE relname IN ('analytics_events_p20320229', 'analytics_events_p20320301')"))
                .isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM analytics_events_p20320229")).isOne();
    }

    @Test
    void aFlushAnnouncesItsDaysForTheQueriesRawTail() {
        writer.submit(List.of(new Event("u-1", "credential_issued", 3, Instant.parse("2033-01-05T10:00:00Z"), null),
                new Event("u-2", "credential_issued", 3, Instant.parse("2033-01-07T23:00:00Z"), null))).join();

        assertThat(db.count("SELECT count(*) FROM unrolled_days WHERE day IN ('2033-01-05', '2033-01-07')")).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM unrolled_days WHERE day = '2033-01-06'")).isZero();
    }

    @Test
    void theSameEventIdAtAnotherTimeIsAnotherEvent() {
        Instant at = Instant.parse("2026-05-05T10:00:00Z");

        writer.submit(List.of(new Event("same", "credential_issued", 3, at, null))).join();
        IngestResult retried = writer.submit(List.of(new Event("same", "credential_issued", 3, at, null))).join();
        IngestResult later = writer.submit(List.of(new Event("same", "credential_issued", 3, at.plusSeconds(1), null))).join();

        assertThat(retried).isEqualTo(new IngestResult(0, 1));
        assertThat(later).isEqualTo(new IngestResult(1, 0));
    }

    @Test
    void stopDrainsEverythingAlreadyQueued() throws Exception {
        List<CompletableFuture<IngestResult>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int batch = i;
            results.add(writer.submit(IntStream.range(0, 250)
                    .mapToObj(j -> new Event("d-" + batch + "-" + j, "credential_issued", 5, Instant.now(), null)).toList()));
        }

        writer.stop();

        assertThat(results).allSatisfy(result -> assertThat(result).isCompletedWithValue(new IngestResult(250, 0)));
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(10_000);
    }
}
