package org.credanalytics.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.credanalytics.db.AnalyticsJdbi;
import org.credanalytics.db.Citus;
import org.credanalytics.db.DatabaseMigrator;
import org.credanalytics.local.LocalCitusCluster;
import org.credanalytics.local.LocalDatabase;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.retention.Partition;
import org.credanalytics.retention.PartitionDao;
import org.credanalytics.retention.RetentionConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one place tests get PostgreSQL from, migrated and shared by the whole run:
 * {@code ANALYTICS_TEST_DB_URL} when set (e.g. a Citus coordinator); else, with
 * {@code ANALYTICS_TEST_ENGINE=citus} (the build's second Surefire run), a throwaway Citus cluster
 * from the machine's binaries (a coordinator and two workers); else a Citus container when Docker
 * is available; else a throwaway PostgreSQL from the machine's binaries.
 */
public final class TestDatabase {
    static final String CITUS_IMAGE = "citusdata/citus:13.0.3";
    /** Shards per distributed table on the test cluster: an even spread over two workers and over three. */
    public static final int CITUS_SHARDS = 6;
    /**
     * citus.stat_tenants_period on the test cluster, in seconds: short, so that a test of the
     * per-tenant gauges (which report the last complete period) waits seconds rather than minutes.
     */
    public static final int CITUS_TENANT_STATS_PERIOD = 5;
    private static TestDatabase instance;

    private final String url;
    private final String user;
    private final String password;
    private final String origin;
    /** The server this run started itself, or null when it came from elsewhere. */
    private final LocalDatabase local;
    private final Jdbi jdbi;

    private TestDatabase(String url, String user, String password, String origin) {
        this(url, user, password, origin, null);
    }

    private TestDatabase(LocalDatabase local, String origin) {
        this(local.jdbcUrl(), LocalPostgres.SUPERUSER, local.password().value(), origin, local);
    }

    private TestDatabase(String url, String user, String password, String origin, LocalDatabase local) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.origin = origin;
        this.local = local;
        this.jdbi = AnalyticsJdbi.install(Jdbi.create(pooled(url, user, password)));
    }

    /**
     * A small pool: a fresh backend per handle costs little on PostgreSQL, but on a Citus coordinator
     * every new session also opens its own connections to the workers' shards, which made tests that
     * run many short rollup steps several times slower.
     */
    private static DataSource pooled(String url, String user, String password) {
        PoolProperties pool = new PoolProperties();
        pool.setUrl(url);
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setInitialSize(0);
        pool.setMinIdle(0);
        pool.setMaxIdle(8);
        pool.setMaxActive(32);
        pool.setTestOnBorrow(true);
        pool.setValidationQuery("SELECT 1");
        pool.setUseStatementFacade(false);
        // A test may hand a connection back mid-transaction (e.g. SET LOCAL ROLE in a read-only one):
        // roll that back and restore autocommit, so the next borrower starts clean.
        pool.setDefaultAutoCommit(true);
        pool.setRollbackOnReturn(true);
        pool.setJdbcInterceptors("ConnectionState");
        return new org.apache.tomcat.jdbc.pool.DataSource(pool);
    }

    /** The engine the build asked for: {@code citus} in the Citus run, else plain PostgreSQL. */
    public static boolean citusRequested() {
        return "citus".equalsIgnoreCase(env("ANALYTICS_TEST_ENGINE", ""));
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = create();
            new DatabaseMigrator(instance.url, instance.user, instance.password).migrate();
            System.out.println("Test database: " + instance.origin + " at " + instance.url);
        }
        return instance;
    }

    private static TestDatabase create() {
        String url = System.getenv("ANALYTICS_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new TestDatabase(url, env("ANALYTICS_TEST_DB_USER", "postgres"),
                    env("ANALYTICS_TEST_DB_PASSWORD", ""), "ANALYTICS_TEST_DB_URL");
        }
        if (citusRequested()) {
            return localCitusCluster();
        }
        if (dockerLikelyAvailable()) {
            PostgreSQLContainer citus = new PostgreSQLContainer(
                    DockerImageName.parse(CITUS_IMAGE).asCompatibleSubstituteFor("postgres"));
            citus.start();
            return new TestDatabase(citus.getJdbcUrl(), citus.getUsername(), citus.getPassword(), CITUS_IMAGE);
        }
        try {
            LocalPostgres local = LocalPostgres.throwaway("analytics_test");
            local.start();
            return new TestDatabase(local, "local throwaway cluster");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a local PostgreSQL for the tests", e);
        }
    }

    private static TestDatabase localCitusCluster() {
        if (!LocalCitusCluster.isInstalled()) {
            throw new IllegalStateException("ANALYTICS_TEST_ENGINE=citus, but Citus is not installed for this"
                    + " machine's PostgreSQL: run scripts/install-dev.sh, or skip the Citus run with -Dcitus.skip=true");
        }
        try {
            LocalCitusCluster cluster = LocalCitusCluster.throwaway("analytics_test", 2, CITUS_SHARDS,
                    node -> "citus.stat_tenants_period = " + CITUS_TENANT_STATS_PERIOD + "\n");
            cluster.start();
            return new TestDatabase(cluster, "local Citus cluster (coordinator + 2 workers)");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a local Citus cluster for the tests", e);
        }
    }

    private static boolean dockerLikelyAvailable() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
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

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The server this run started itself from the machine's binaries, if it did. */
    public Optional<LocalDatabase> local() {
        return Optional.ofNullable(local);
    }

    /**
     * The raw-event partitions of the UTC days from {@code from} to {@code to} (both included), as
     * the service's partition maintenance (or its writer, for an event of a day without one) creates
     * them. For tests that insert events with SQL.
     */
    public void createPartitions(Instant from, Instant to) {
        List<LocalDate> days = LocalDate.ofInstant(from, ZoneOffset.UTC)
                .datesUntil(LocalDate.ofInstant(to, ZoneOffset.UTC).plusDays(1)).toList();
        jdbi.useExtension(PartitionDao.class, dao -> dao.createPartitions(days));
    }

    /**
     * Drops the raw-event partitions of other days than those a starting service makes (today and
     * {@link RetentionConfiguration#DEFAULT_PARTITIONS_AHEAD} ahead), and yesterday's, in case the
     * date changed since. Truncating leaves partitions, so they would pile up over a run (every
     * test's days), and on Citus a TRUNCATE costs per shard of every partition: seconds per test by
     * the end of the run. Writers create the partitions they need again.
     */
    private void dropRawPartitionsOfOtherDays() {
        OffsetDateTime today = LocalDate.now(ZoneOffset.UTC).atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime keepFrom = today.minusDays(1);
        OffsetDateTime keepUntil = today.plusDays(RetentionConfiguration.DEFAULT_PARTITIONS_AHEAD + 1);
        jdbi.useExtension(PartitionDao.class, dao -> dao.partitions().stream()
                .filter(partition -> !partition.ends().isAfter(keepFrom) || !partition.starts().isBefore(keepUntil))
                .forEach(partition -> dao.drop(partition.name())));
    }

    public boolean isCitus() {
        return Citus.isPresent(jdbi);
    }

    /**
     * Empties every application table but the API keys (running test services keep their
     * bootstrap admin key) and the unrolled days (running writers remember what they announced),
     * so each test starts from a clean database; drops the raw partitions of other days than those
     * a service makes at its start. A running service's rollup job may hold some of
     * the tables, so a deadlock just means: try again. rollup_progress is locked first, which the
     * job locks first too.
     */
    public void truncateAll() {
        for (int attempt = 1; ; attempt++) {
            try {
                truncateOnce();
                return;
            } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
                if (attempt == 10 || !(e.getCause() instanceof java.sql.SQLException sql && "40P01".equals(sql.getSQLState()))) {
                    throw e;
                }
                sleepQuietly(100L * attempt);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void truncateOnce() {
        dropRawPartitionsOfOtherDays();
        jdbi.useHandle(h -> {
            List<String> tables = h.createQuery("""
                    SELECT quote_ident(t.tablename) FROM pg_tables t
                    JOIN pg_class c ON c.relname = t.tablename AND c.relnamespace = 'public'::regnamespace
                    WHERE t.schemaname = 'public' AND NOT c.relispartition
                      AND t.tablename NOT IN ('flyway_schema_history', 'api_keys', 'unrolled_days', 'local_day_zones')
                    ORDER BY t.tablename <> 'rollup_progress', t.tablename""")
                    .mapTo(String.class).list();
            if (!tables.isEmpty()) {
                h.execute("TRUNCATE " + String.join(", ", tables));
            }
        });
    }

    public long count(String sql, Object... args) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }
}
