package org.credanalytics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.credanalytics.ingest.BatchWriter;
import org.credanalytics.ingest.Event;
import org.credanalytics.ingest.IngestResult;
import org.credanalytics.rollup.RollupStep;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.Writers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Partition maintenance on a clock of its own (in 2031, clear of every other test's days): it
 * creates today's partition and the days ahead, drops whole partitions older than the retention
 * once the rollup job has their events, and keeps one it hasn't until it has. (Dropping also
 * takes other tests' empty partitions of earlier days: the writer recreates any it needs.)
 */
@ExtendWith(CleanDatabase.class)
class PartitionMaintenanceTest {
    private static final Instant JUNE_10 = Instant.parse("2031-06-10T12:00:00Z");
    private static final Instant JULY_12 = Instant.parse("2031-07-12T12:00:00Z");

    private final TestDatabase db = TestDatabase.get();

    @AfterEach
    void dropThe2031Partitions() {
        names().stream().filter(name -> name.startsWith("analytics_events_p2031"))
                .forEach(name -> db.jdbi().useExtension(PartitionDao.class, dao -> dao.drop(name)));
    }

    @Test
    void createsTodaysPartitionAndTheDaysAhead() throws Exception {
        PartitionMaintenance.Round round = maintenance(JUNE_10, "{\"partitionsAhead\": 3}").run();

        assertThat(round.created()).isEqualTo(4);
        assertThat(names()).contains("analytics_events_p20310610", "analytics_events_p20310611",
                "analytics_events_p20310612", "analytics_events_p20310613");
        assertThat(maintenance(JUNE_10, "{\"partitionsAhead\": 3}").run().created()).as("a second round").isZero();
    }

    @Test
    void dropsWholeDaysOlderThanTheRetentionOnlyOnceTheirEventsAreRolledUp() throws Exception {
        maintenance(JUNE_10, "{\"partitionsAhead\": 3}").run();
        db.jdbi().useHandle(h -> h.execute("""
                INSERT INTO analytics_events (event_id, event_type, institution_id, issued_at)
                SELECT 'old-' || g, 'credential_issued', 3, TIMESTAMPTZ '2031-06-11 08:00:00+00' FROM generate_series(1, 50) g"""));

        PartitionMaintenance.Round first = maintenance(JULY_12, "{\"rawEvents\": \"30d\"}").run();

        assertThat(first.dropped()).contains("analytics_events_p20310610").doesNotContain("analytics_events_p20310611");
        assertThat(first.kept()).as("events the rollup job has not reached").containsExactly("analytics_events_p20310611");
        assertThat(names()).doesNotContain("analytics_events_p20310610")
                .contains("analytics_events_p20310611", "analytics_events_p20310612", "analytics_events_p20310613");

        RollupStep step = new RollupStep(db.jdbi(), 1_000_000);
        step.run(step.horizon());
        PartitionMaintenance.Round second = maintenance(JULY_12, "{\"rawEvents\": \"30d\"}").run();

        assertThat(second.dropped()).contains("analytics_events_p20310611");
        assertThat(second.kept()).isEmpty();
        assertThat(db.count("SELECT count(*) FROM analytics_events WHERE issued_at < '2031-06-12'")).isZero();
        assertThat(db.count("SELECT sum(events) FROM daily_event_counts WHERE day = '2031-06-11'")).isEqualTo(50);
        assertThat(names()).as("the day that ended 29.5 days ago stays").contains("analytics_events_p20310612");
        assertThat(db.jdbi().withExtension(PartitionDao.class, PartitionDao::expiredUntil))
                .as("raw events are complete from the end of the newest dropped partition")
                .contains(OffsetDateTime.parse("2031-06-12T00:00:00Z"));
    }

    @Test
    void onCitusOlderPartitionsTurnColumnarAndStillTakeLateEventsOnce() throws Exception {
        assumeThat(db.isCitus()).as("columnar storage is Citus's").isTrue();
        maintenance(JUNE_10, "{\"partitionsAhead\": 3}").run();

        maintenance(Instant.parse("2031-06-20T00:00:00Z"), "{\"columnarAfter\": \"7d\"}").run();

        assertThat(accessMethods()).containsEntry("analytics_events_p20310610", "columnar")
                .containsEntry("analytics_events_p20310611", "columnar")
                .containsEntry("analytics_events_p20310612", "columnar")
                .containsEntry("analytics_events_p20310613", "heap");
        BatchWriter writer = Writers.started();
        try {
            List<Event> late = List.of(new Event("late-1", "credential_issued", 3, Instant.parse("2031-06-11T09:00:00Z"), null));
            assertThat(writer.submit(late).join()).isEqualTo(new IngestResult(1, 0));
            assertThat(writer.submit(late).join()).as("a retry").isEqualTo(new IngestResult(0, 1));
        } finally {
            writer.stop();
        }
        assertThat(db.count("SELECT count(*) FROM analytics_events WHERE event_id = 'late-1'")).isOne();
    }

    private PartitionMaintenance maintenance(Instant now, String settings) throws Exception {
        RetentionConfiguration config = new ObjectMapper().readValue(settings, RetentionConfiguration.class);
        return new PartitionMaintenance(db.jdbi(), config, db.isCitus(), new RetentionMetrics(new SimpleMeterRegistry()),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private List<String> names() {
        return db.jdbi().withExtension(PartitionDao.class, PartitionDao::partitions).stream().map(Partition::name).toList();
    }

    private Map<String, String> accessMethods() {
        Map<String, String> methods = new HashMap<>();
        db.jdbi().withExtension(PartitionDao.class, PartitionDao::partitions)
                .forEach(p -> methods.put(p.name(), p.accessMethod()));
        return methods;
    }
}
