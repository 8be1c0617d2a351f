package org.credanalytics.benchmarks.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.credanalytics.benchmarks.BenchmarkDatabase;
import org.credanalytics.db.AnalyticsJdbi;
import org.credanalytics.query.DashboardQueries;
import org.credanalytics.query.Granularity;
import org.credanalytics.query.QueryRange;
import org.credanalytics.retention.PartitionDao;
import org.credanalytics.retention.PartitionMaintenance;
import org.credanalytics.retention.RetentionConfiguration;
import org.credanalytics.retention.RetentionMetrics;
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
 * Whether the rollup step and the dashboards' raw tail get slower as raw-event partitions
 * accumulate. Both cases hold the same events and the same rollups: 880,000 events spread over the
 * 88 days before today and 60,000 today, all rolled up but the newest {@value #STEP} (a second of
 * traffic at 50,000 events/s). With {@code partitions=90} the raw events of all 88 days are still
 * there (a long retention); with {@code partitions=2} those days' partitions were dropped after
 * the rollup, leaving today's and tomorrow's (a short one).
 * <ul>
 *   <li>{@code rollupStep}: one step over those {@value #STEP} ids (the progress is wound back
 *       before each call, outside the timing), on a connection set up as the job's.</li>
 *   <li>{@code activityYearByDay}, {@code summaryYear}: a year of one institution through the
 *       service's query code, rollups plus the unrolled tail.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class PartitionCountBenchmark {
    static final int HISTORY = 880_000;
    static final int TODAY = 60_000;
    static final int STEP = 50_000;
    static final long INSTITUTION = 7;
    /** Events of 200 institutions over the given days before today's midnight, shaped like the load generator's. */
    static final String INSERT_EVENTS = """
            INSERT INTO analytics_events (event_id, event_type, institution_id, issued_at, metadata)
            SELECT ? || g,
                   (ARRAY['credential_issued','credential_issued','credential_viewed','credential_shared'])[1 + g % 4],
                   1 + (g * 7919) % 200,
                   CAST(? AS timestamptz) + make_interval(secs => ((g * 104729) % (? * 86400))::int),
                   jsonb_build_object('recipient_id', 'r-' || (g * 31) % 50000, 'viewer_id', 'v-' || g % 20000,
                                      'recipient_location', (ARRAY['US','DE','IN','BR','GB'])[1 + g % 5],
                                      'credential_type', 'type-' || g % 25, 'processing_time_ms', g % 5000)
            FROM generate_series(1::bigint, ?) AS g""";

    @Param({"2", "90"})
    public int partitions;

    private BenchmarkDatabase database;
    private RollupStep step;
    private DashboardQueries queries;
    private QueryRange year;
    private long lastId;

    @Setup(Level.Trial)
    public void load() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(88);
        database = BenchmarkDatabase.start(first, today.plusDays(1));
        database.truncateAll();
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            insert(connection, "h-", first, 88, HISTORY);
            insert(connection, "t-", today, 1, TODAY);
            statement.execute("VACUUM ANALYZE analytics_events");
            statement.execute("INSERT INTO unrolled_days (day, written_at) VALUES (CURRENT_DATE, now()) ON CONFLICT DO NOTHING");
        }
        boolean citus = database.isCitus();
        Properties job = new Properties();
        job.setProperty("user", database.user());
        job.setProperty("password", database.password());
        // as the service sets up the rollup job's connection
        job.setProperty("options", "-c work_mem=65536kB" + (citus ? "" : " -c plan_cache_mode=force_generic_plan"));
        Jdbi jobJdbi = AnalyticsJdbi.install(Jdbi.create(database.url(), job));
        step = new RollupStep(jobJdbi, 1_000_000);
        RollupStep.Horizon horizon = step.horizon();
        while (!step.run(horizon).caughtUp()) {
            // roll everything up
        }
        lastId = horizon.id();
        step = new RollupStep(jobJdbi, STEP);
        if (partitions == 2) {
            new PartitionMaintenance(jobJdbi, new RetentionConfiguration(), citus,
                    new RetentionMetrics(new SimpleMeterRegistry()), Clock.systemUTC())
                    .dropEndedBefore(today.atStartOfDay().toInstant(ZoneOffset.UTC), new ArrayList<>(), new ArrayList<>());
        }
        int count = jobJdbi.withExtension(PartitionDao.class, PartitionDao::partitions).size();
        if (count != partitions) {
            throw new IllegalStateException(count + " partitions, expected " + partitions);
        }
        Properties query = new Properties();
        query.setProperty("user", database.user());
        query.setProperty("password", database.password());
        query.setProperty("options", "-c jit=off -c plan_cache_mode=force_custom_plan"); // as config.yml
        queries = DashboardQueries.create(AnalyticsJdbi.install(Jdbi.create(database.url(), query)));
        year = new QueryRange(today.plusDays(1).minusDays(365), today.plusDays(1), ZoneOffset.UTC);
    }

    private static void insert(Connection connection, String prefix, LocalDate from, int days, int count) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENTS)) {
            insert.setString(1, prefix);
            insert.setString(2, from.atStartOfDay().atOffset(ZoneOffset.UTC).toString());
            insert.setInt(3, days);
            insert.setInt(4, count);
            insert.execute();
        }
    }

    /** Winds the progress back: the step re-reads today's newest STEP events, which are also the queries' raw tail. */
    @Setup(Level.Invocation)
    public void windBack() throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement rewind = connection.prepareStatement("UPDATE rollup_progress SET last_id = ? WHERE name = 'events'")) {
            rewind.setLong(1, lastId - STEP);
            rewind.executeUpdate();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        database.close();
    }

    @Benchmark
    public RollupStep.Result rollupStep() {
        return step.run(new RollupStep.Horizon(lastId, null));
    }

    @Benchmark
    public Object activityYearByDay() {
        return queries.activity(INSTITUTION, year, Granularity.DAY);
    }

    @Benchmark
    public Object summaryYear() {
        return queries.summary(INSTITUTION, year);
    }
}
