package org.credanalytics.benchmarks.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.credanalytics.benchmarks.BenchmarkDatabase;
import org.credanalytics.db.AnalyticsJdbi;
import org.credanalytics.rollup.LocalDayZones;
import org.credanalytics.rollup.RollupStep;
import org.jdbi.v3.core.Jdbi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One rollup step ({@link RollupStep#run}) over a window of {@code windowSize} event ids: the
 * four INSERT … SELECT … ON CONFLICT statements and the progress update, in one transaction.
 * The same window is aggregated again on every invocation (progress is rewound outside the
 * timed call), so the rollup rows already exist and every statement takes the merge path, as
 * it does for late events and for busy hours. Events per second = ops/s × windowSize.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RollupStepBenchmark {
    static final int EVENTS = 400_000;
    static final List<ZoneId> SHIPPED_ZONES = List.of(ZoneId.of("Asia/Kolkata"), ZoneId.of("America/New_York"),
            ZoneId.of("Europe/London"));
    /** 1,000 institutions, events over the last spreadHours, types and metadata shaped like the load generator's. */
    static final String INSERT_EVENTS = """
                        INSERT INTO analytics_events (event_id, event_type, institution_id, issued_at, metadata)
                        SELECT 'b-' || g,
                               (ARRAY['credential_issued','credential_issued','credential_issued',
                                      'credential_viewed','credential_viewed','credential_shared'])[1 + g % 6],
                               1 + (g * 7919) % 1000,
                               now() - make_interval(secs => (g * 104729) % (? * 3600)),
                               jsonb_build_object('recipient_id', 'r-' || (g * 31) % 50000, 'viewer_id', 'v-' || g % 20000,
                                                  'recipient_location', (ARRAY['US','DE','IN','BR','GB','FR','JP'])[1 + g % 7],
                                                  'credential_type', 'type-' || g % 25, 'processing_time_ms', g % 5000)
                        FROM generate_series(1::bigint, ?) AS g""";

    @State(Scope.Benchmark)
    public static class Rollups {
        @Param({"10000", "50000", "200000"})
        public int windowSize;

        /** How many hours the events' times spread over: 1 is live traffic, 168 a week of late events. */
        @Param({"1", "168"})
        public int spreadHours;

        /** Zones whose local days every step also keeps (rollup.localDayZones): none, or the shipped three. */
        @Param({"0", "3"})
        public int localDayZones;

        BenchmarkDatabase database;
        RollupStep step;
        Jdbi jdbi;

        @Setup(Level.Trial)
        public void start() throws Exception {
            database = BenchmarkDatabase.start();
            database.truncateAll();
            try (Connection connection = database.connect();
                 PreparedStatement insert = connection.prepareStatement(INSERT_EVENTS);
                 Statement statement = connection.createStatement()) {
                insert.setInt(1, spreadHours);
                insert.setInt(2, EVENTS);
                insert.execute();
                statement.execute("VACUUM ANALYZE analytics_events");
            }
            jdbi = AnalyticsJdbi.install(Jdbi.create(database.url(), database.user(), database.password()));
            LocalDayZones.sync(jdbi, SHIPPED_ZONES.subList(0, localDayZones));
            step = new RollupStep(jdbi, windowSize);
            step.run(step.horizon()); // create the progress row and the rollup rows
        }

        @Setup(Level.Invocation)
        public void rewind() throws Exception {
            try (Connection connection = database.connect();
                 PreparedStatement rewind = connection.prepareStatement("UPDATE rollup_progress SET last_id = ? WHERE name = 'events'")) {
                rewind.setLong(1, EVENTS / 2);
                rewind.executeUpdate();
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            database.close();
        }
    }

    @Benchmark
    public RollupStep.Result step(Rollups rollups) {
        return rollups.step.run(new RollupStep.Horizon(EVENTS, null));
    }
}
