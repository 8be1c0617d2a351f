package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.credanalytics.db.UniqueCounting;
import org.credanalytics.ingest.BatchWriter;
import org.credanalytics.ingest.Event;
import org.credanalytics.query.QueryResponses.ActivityPoint;
import org.credanalytics.rollup.RollupStep;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.Writers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Activity by day in UTC returns daily rollup rows as they stand, and merges a row with the raw
 * tail only where the tail has the same day and event type: each case on purpose, with the
 * uniques small enough for HLL to count them exactly.
 */
@ExtendWith(CleanDatabase.class)
class ActivityByUtcDayTest {
    private static final long INSTITUTION = 77;

    private final TestDatabase db = TestDatabase.get();
    private BatchWriter writer;

    @BeforeEach
    void start() {
        writer = Writers.started();
    }

    @AfterEach
    void stop() throws InterruptedException {
        writer.stop();
    }

    @Test
    void rolledUpDaysMergeWithTheTailOnlyWhereTheTailHasTheSameDayAndType() {
        UniqueCounting counting = UniqueCounting.detect(db.jdbi());
        writer.submit(List.of(
                issued("r1", "r-1", "2026-05-10T10:00:00Z"),
                issued("r2", "r-2", "2026-05-10T11:00:00Z"),
                event("v1", "credential_viewed", "{\"viewer_id\": \"v-1\"}", "2026-05-10T12:00:00Z"),
                issued("r9", "r-9", "2026-05-11T09:00:00Z"))).join();
        RollupStep step = new RollupStep(db.jdbi(), counting, 1000);
        while (!step.run(step.horizon()).caughtUp()) {
            // one step is enough for four events; loop in case the horizon moved
        }
        writer.submit(List.of(
                issued("t1", "r-2", "2026-05-10T15:00:00Z"), // a recipient the rolled-up day already has
                issued("t2", "r-3", "2026-05-10T16:00:00Z"),
                event("t3", "credential_shared", "{}", "2026-05-10T17:00:00Z"), // a type the day had not
                issued("t4", "r-5", "2026-05-12T08:00:00Z"))).join(); // a day only the tail has

        List<ActivityPoint> points = DashboardQueries.create(db.jdbi(), counting).activity(INSTITUTION,
                new QueryRange(LocalDate.parse("2026-05-10"), LocalDate.parse("2026-05-13"), ZoneId.of("UTC")),
                Granularity.DAY).points();

        assertThat(points).extracting(ActivityPoint::period).containsExactly(
                LocalDate.parse("2026-05-10"), LocalDate.parse("2026-05-11"), LocalDate.parse("2026-05-12"));
        ActivityPoint merged = points.get(0);
        assertThat(merged.credentialsIssued()).isEqualTo(4);
        assertThat(merged.uniqueRecipients()).as("r-1, r-2 and r-3: the union, not 2 + 2").isEqualTo(3);
        assertThat(merged.views()).isEqualTo(1);
        assertThat(merged.uniqueViewers()).isEqualTo(1);
        assertThat(merged.shares()).isEqualTo(1);
        assertThat(points.get(1).credentialsIssued()).isEqualTo(1);
        assertThat(points.get(1).uniqueRecipients()).isEqualTo(1);
        assertThat(points.get(2).credentialsIssued()).isEqualTo(1);
        assertThat(points.get(2).uniqueRecipients()).isEqualTo(1);
    }

    private static Event issued(String id, String recipient, String at) {
        return event(id, "credential_issued", "{\"recipient_id\": \"" + recipient + "\"}", at);
    }

    private static Event event(String id, String type, String metadata, String at) {
        return new Event(id, type, INSTITUTION, Instant.parse(at), metadata.getBytes(StandardCharsets.UTF_8));
    }
}
