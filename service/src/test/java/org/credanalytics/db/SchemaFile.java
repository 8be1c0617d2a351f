package org.credanalytics.db;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import org.credanalytics.local.LocalPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code sql/schema.sql}: a header, the schema of a migrated database ({@link SchemaDump}) and
 * where each table lives on Citus ({@link Distribution}, from the migrations). {@code main} is what
 * {@code scripts/dump-schema.sh} runs; {@code SchemaFileTest} renders the same text from the test
 * database and compares. Everything in the file is generated, so that it cannot drift.
 */
public final class SchemaFile {
    static final String SCRIPT = "scripts/dump-schema.sh";

    private SchemaFile() {
    }

    /** The repository's root: the nearest directory above the working one with sql/ and service/pom.xml. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("sql")) && Files.exists(dir.resolve("service/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no sql/ beside a service/pom.xml above " + Path.of("").toAbsolutePath());
    }

    static Path path() {
        return root().resolve("sql/schema.sql");
    }

    /** The file's text for the migrated database at {@code jdbcUrl}. */
    static String render(String jdbcUrl, String user, String password) throws Exception {
        SchemaDump dump = new SchemaDump(jdbcUrl, user, password);
        String version = new DatabaseMigrator(jdbcUrl, user, password).version();
        return header(version) + "\n" + dump.schema() + "\n"
                + distributionHeader()
                + Distribution.render(dump.tables(), Distribution.fromMigrations(root().resolve("sql")));
    }

    private static String header(String version) {
        return """
                -- sql/schema.sql: GENERATED, DO NOT EDIT. Regenerate with: %s
                --
                -- The schema as the migrations in sql/ (V1 to V%s) leave a new database, for reading: the
                -- tables, views, functions, indexes and constraints that exist now, with none of the history
                -- of how they came to be. Printed by pg_dump --schema-only --no-owner --no-privileges from a
                -- freshly migrated PostgreSQL, without pg_dump's version and SET lines, Flyway's history table
                -- (flyway_schema_history), and the daily partitions of analytics_events
                -- (analytics_events_pYYYYMMDD, one per UTC day, created by the service; each has the parent's
                -- columns, constraints and indexes). Where each table lives on Citus is at the end.
                --
                -- Flyway never runs this file (the jar packages sql/V*.sql only). To change the schema, add a
                -- migration and run %s again; SchemaFileTest fails until you do.
                -- sql/README.md lists the migrations.
                --
                -- issued_at is the API's occurred_at. The column analytics_events.issued_at (also in
                -- import_event_keys and import_staged_events) holds the event's occurred_at: when the
                -- credential was issued, viewed or shared, whatever the event_type. The name comes from the
                -- first schema (V1) and was kept; it does not mean "issued" for views and shares. created_at
                -- is when the service stored the event. issued_at is the partition key of analytics_events,
                -- and every rollup bucket (quarter_hour, hour, day, month; local_daily_event_counts.day in its
                -- zone) is a bucket of it.
                """.formatted(SCRIPT, version, SCRIPT);
    }

    private static String distributionHeader() {
        return """
                --
                -- Distribution on Citus
                --
                -- On plain PostgreSQL every table above is an ordinary table. On a Citus coordinator the
                -- migrations place them as listed here: a distributed table is split into shards by its
                -- column's hash, and co-located tables keep one institution's rows of every table on the same
                -- worker, so per-institution queries and the rollup INSERT ... SELECTs run on one worker; a
                -- reference table is copied whole to every node. The daily partitions of analytics_events are
                -- distributed as it is. Citus's dump also creates the extensions citus and citus_columnar (V18,
                -- for partitions older than retention.columnarAfter), left out above.
                -- Generated from the migrations' create_distributed_table and create_reference_table calls;
                -- SchemaFileTest checks it against pg_dist_partition on a Citus cluster.
                """;
    }

    /**
     * {@code [JDBC_URL]}: migrates the database at the URL (user and password from PGUSER and
     * PGPASSWORD), or else a throwaway PostgreSQL started from the machine's binaries, and writes
     * sql/schema.sql from it.
     */
    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        if (args.length > 1 || args.length == 1 && !args[0].startsWith("jdbc:postgresql://")) {
            System.err.println("usage: " + SCRIPT + " [jdbc:postgresql://HOST:PORT/DATABASE]");
            System.exit(2);
        }
        LocalPostgres throwaway = args.length == 0 ? LocalPostgres.throwaway("analytics_schema") : null;
        try {
            String url;
            String user;
            String password;
            if (throwaway != null) {
                throwaway.start();
                url = throwaway.jdbcUrl();
                user = LocalPostgres.SUPERUSER;
                password = throwaway.password().value();
            } else {
                url = args[0];
                user = System.getenv().getOrDefault("PGUSER", LocalPostgres.SUPERUSER);
                password = System.getenv().getOrDefault("PGPASSWORD", "");
            }
            new DatabaseMigrator(url, user, password).migrate();
            Files.writeString(path(), render(url, user, password));
            System.out.println("Wrote " + root().relativize(path()) + " from " + url);
        } finally {
            if (throwaway != null) {
                throwaway.stop();
            }
        }
    }
}
