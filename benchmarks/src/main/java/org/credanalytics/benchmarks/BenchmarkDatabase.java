package org.credanalytics.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.credanalytics.db.AnalyticsJdbi;
import org.credanalytics.db.Citus;
import org.credanalytics.db.DatabaseMigrator;
import org.credanalytics.local.LocalCitusCluster;
import org.credanalytics.local.LocalDatabase;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.retention.PartitionDao;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated PostgreSQL for benchmarks that write or query, owned by one JMH trial: start it in a
 * {@code @Setup(Level.Trial)} method of a state object and close it in the matching
 * {@code @TearDown}.
 *
 * <p>By default it is a throwaway cluster from the machine's PostgreSQL binaries, created per
 * trial and deleted afterwards. That cluster is not durable (fsync and full-page writes off), so
 * results measure CPU and PostgreSQL's own work, not the disk. When
 * {@value #URL_VARIABLE} is set (with {@code ANALYTICS_BENCH_DB_USER} and
 * {@code ANALYTICS_BENCH_DB_PASSWORD}), that database is used instead, e.g. a Citus coordinator;
 * benchmarks truncate its tables, so point it at a disposable database only.
 */
public final class BenchmarkDatabase implements AutoCloseable {
    public static final String URL_VARIABLE = "ANALYTICS_BENCH_DB_URL";

    private final String url;
    private final String user;
    private final String password;
    private final LocalDatabase localServer;

    private BenchmarkDatabase(String url, String user, String password, LocalDatabase localServer) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.localServer = localServer;
    }

    /**
     * Starts (or connects to) the database, applies the migrations and creates the raw-event
     * partitions of the last 31 days and the next 2, as a service keeping 30 days has them.
     */
    public static BenchmarkDatabase start() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return start(today.minusDays(31), today.plusDays(2));
    }

    /** Starts the database with the raw-event partitions of the days from {@code first} to {@code last}. */
    public static BenchmarkDatabase start(LocalDate first, LocalDate last) throws Exception {
        BenchmarkDatabase database = create();
        try {
            new DatabaseMigrator(database.url, database.user, database.password).migrate();
            database.createPartitions(first, last);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static BenchmarkDatabase create() throws Exception {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new BenchmarkDatabase(url, env("ANALYTICS_BENCH_DB_USER", LocalPostgres.SUPERUSER),
                    env("ANALYTICS_BENCH_DB_PASSWORD", ""), null);
        }
        // ANALYTICS_BENCH_ENGINE=citus: a throwaway Citus cluster, a coordinator and two workers, 12 shards.
        LocalDatabase local = "citus".equals(System.getenv("ANALYTICS_BENCH_ENGINE"))
                ? LocalCitusCluster.throwaway("analytics_bench", 2, 12)
                : LocalPostgres.throwaway("analytics_bench");
        local.start();
        return new BenchmarkDatabase(local.jdbcUrl(), LocalPostgres.SUPERUSER, local.password().value(), local);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** The daily raw-event partitions from {@code first} to {@code last}, both included, where missing. */
    public void createPartitions(LocalDate first, LocalDate last) {
        List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
        AnalyticsJdbi.install(Jdbi.create(url, user, password))
                .useExtension(PartitionDao.class, dao -> dao.createPartitions(days));
    }

    /** Whether the database is a Citus coordinator. */
    public boolean isCitus() {
        return Citus.isPresent(Jdbi.create(url, user, password));
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return connect(new Properties());
    }

    /** A new connection with the given driver properties added, e.g. {@code reWriteBatchedInserts}. */
    public Connection connect(Properties driverProperties) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(driverProperties);
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "analytics-benchmarks");
        return DriverManager.getConnection(url, properties);
    }

    /** Empties the named tables (names are constants in benchmark code, never input). */
    public void truncate(String... tables) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + String.join(", ", tables));
        }
    }

    /** Empties every application table, leaving the migration history. */
    public void truncateAll() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT quote_ident(tablename) FROM pg_tables"
                     + " WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (!tables.isEmpty()) {
            truncate(tables.toArray(String[]::new));
        }
    }

    @Override
    public void close() {
        if (localServer != null) {
            localServer.stop();
        }
    }
}
