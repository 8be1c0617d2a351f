package org.credanalytics.benchmarks.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.credanalytics.db.AnalyticsJdbi;
import org.credanalytics.query.DashboardQueries;
import org.credanalytics.query.Granularity;
import org.credanalytics.query.QueryRange;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Cleanable;
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
 * One single-institution dashboard query over the last 365 days, answered two ways in the same
 * run: {@code rollups} is the service's own query code ({@link DashboardQueries}, rollups plus
 * the raw tail, as behind the HTTP endpoints), {@code raw} computes the same aggregate from
 * {@code analytics_events} alone (the SQL in this package's resources). Both use one dedicated
 * connection, so neither pays for connecting.
 *
 * <p>Needs a loaded database in {@code ANALYTICS_BENCH_DB_URL} (read only; see
 * {@code scripts/bench-queries.sh}). {@code busiest} is the institution with the most events,
 * {@code median} the one in the middle of the ranking.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class DashboardQueryBenchmark {
    private static final String URL_VARIABLE = "ANALYTICS_BENCH_DB_URL";
    private static final int YEAR = 365;
    private static final int TOP_TYPES = 10;
    private static final int SUMMARY_TOP_TYPES = 5;

    @Param({"activity_by_day", "summary", "geo", "credential_types"})
    public String query;

    @Param({"rollups", "raw"})
    public String source;

    @Param({"busiest", "median"})
    public String institution;

    private Connection connection;
    private Jdbi jdbi;
    private DashboardQueries queries;
    private long institutionId;
    private QueryRange range;

    @Setup(Level.Trial)
    public void connect() throws Exception {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(URL_VARIABLE + " must name a loaded database; run scripts/bench-queries.sh");
        }
        Properties properties = new Properties();
        properties.setProperty("user", env("ANALYTICS_BENCH_DB_USER", "postgres"));
        properties.setProperty("password", env("ANALYTICS_BENCH_DB_PASSWORD", ""));
        properties.setProperty("options", "-c jit=off -c plan_cache_mode=force_custom_plan"); // as config.yml
        connection = DriverManager.getConnection(url, properties);
        jdbi = AnalyticsJdbi.install(Jdbi.create(new SharedConnection(connection)));
        queries = DashboardQueries.create(jdbi);
        institutionId = jdbi.withHandle(this::pickInstitution);
        LocalDate to = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        range = new QueryRange(to.minusDays(YEAR), to, ZoneOffset.UTC);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        connection.close();
    }

    @Benchmark
    public Object run() {
        return "raw".equals(source) ? raw() : rollups();
    }

    private Object rollups() {
        return switch (query) {
            case "activity_by_day" -> queries.activity(institutionId, range, Granularity.DAY);
            case "summary" -> queries.summary(institutionId, range);
            case "geo" -> queries.geo(institutionId, range);
            case "credential_types" -> queries.credentialTypes(institutionId, range, TOP_TYPES);
            default -> throw new IllegalArgumentException(query);
        };
    }

    private Object raw() {
        return jdbi.withHandle(handle -> switch (query) {
            case "activity_by_day" -> rawRows(handle, "activity.sql", Map.of("period_unit", "day", "tz", "UTC"));
            case "summary" -> List.of(rawRows(handle, "summary.sql", Map.of()),
                    rawRows(handle, "credentialTypes.sql", Map.of("limit", SUMMARY_TOP_TYPES)));
            case "geo" -> rawRows(handle, "geo.sql", Map.of());
            case "credential_types" -> rawRows(handle, "credentialTypes.sql", Map.of("limit", TOP_TYPES));
            default -> throw new IllegalArgumentException(query);
        });
    }

    private List<Map<String, Object>> rawRows(Handle handle, String file, Map<String, ?> extra) {
        return handle.createQuery(sql(file))
                .bind("institution_id", institutionId)
                .bind("from_ts", range.from().atStartOfDay().atOffset(ZoneOffset.UTC))
                .bind("to_ts", range.to().atStartOfDay().atOffset(ZoneOffset.UTC))
                .bindMap(extra)
                .mapToMap()
                .list();
    }

    private long pickInstitution(Handle handle) {
        List<Long> ranked = handle.createQuery("""
                        SELECT institution_id FROM daily_analytics_rollups
                        GROUP BY institution_id ORDER BY sum(events) DESC, institution_id""")
                .mapTo(Long.class).list();
        if (ranked.isEmpty()) {
            throw new IllegalStateException("no rolled-up events in the database; load it first");
        }
        return "busiest".equals(institution) ? ranked.get(0) : ranked.get(ranked.size() / 2);
    }

    private static String sql(String file) {
        try (InputStream in = DashboardQueryBenchmark.class.getResourceAsStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** Hands every handle the benchmark's one connection and leaves it open when the handle closes. */
    private record SharedConnection(Connection connection) implements ConnectionFactory {
        @Override
        public Connection openConnection() {
            return connection;
        }

        @Override
        public void closeConnection(Connection conn) {
            // kept open for the next invocation; closed at the end of the trial
        }

        @Override
        public Cleanable getCleanableFor(Connection conn) {
            return () -> { };
        }
    }
}
