package org.credanalytics.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * sql/schema.sql is what scripts/dump-schema.sh would write now: the same dump of the run's shared,
 * migrated database (on Citus too, whose dump differs only by its own extensions), and on Citus a
 * distribution section that agrees with pg_dist_partition.
 */
class SchemaFileTest {
    private static final TestDatabase DB = TestDatabase.get();

    @Test
    void schemaFileIsTheSchemaTheMigrationsLeave() throws Exception {
        String current = SchemaFile.render(DB.url(), DB.user(), DB.password());
        String file = Files.readString(SchemaFile.path());
        if (!file.equals(current)) {
            fail("sql/schema.sql is not the schema the migrations leave: run " + SchemaFile.SCRIPT
                    + " and commit the file. " + firstDifference(file, current));
        }
    }

    @Test
    void distributionSectionIsWhatCitusHas() {
        assumeTrue(DB.isCitus(), "pg_dist_partition exists on Citus only");
        List<String> tables = new SchemaDump(DB.url(), DB.user(), DB.password()).tables();
        assertThat(Distribution.render(tables, Distribution.fromMigrations(SchemaFile.root().resolve("sql"))))
                .isEqualTo(Distribution.render(tables, Distribution.fromCitus(DB.jdbi())));
    }

    @Test
    void aTableRecreatedAfterItsDropIsLocalUntilDistributedAgain() {
        Map<String, Distribution.Table> tables = new HashMap<>();
        Distribution.replay("""
                CREATE TABLE analytics_events (institution_id BIGINT);
                PERFORM create_distributed_table('analytics_events', 'institution_id');
                PERFORM create_distributed_table('rollup', 'institution_id', colocate_with => 'analytics_events');
                PERFORM create_reference_table('keys');
                -- DROP TABLE keys; in a comment does nothing
                """, tables);
        Distribution.replay("""
                ALTER TABLE analytics_events RENAME TO events_old;
                CREATE TABLE analytics_events (institution_id BIGINT);
                PERFORM create_distributed_table('analytics_events', 'institution_id', colocate_with => 'rollup');
                DROP TABLE events_old, rollup;
                CREATE TABLE rollup (institution_id BIGINT);
                """, tables);
        assertThat(tables).containsOnlyKeys("analytics_events", "keys");
        assertThat(tables.get("keys").column()).isNull();
        assertThat(tables.get("analytics_events").group()).isEqualTo("default institution_id");
    }

    @Test
    void theDumpLeavesOutWhatDiffersBetweenEnginesAndRuns() {
        String dump = """
                --
                -- PostgreSQL database dump
                --

                \\restrict 0aB3
                -- Dumped from database version 15.20
                SET statement_timeout = 0;
                SELECT pg_catalog.set_config('search_path', '', false);

                --
                -- Name: public; Type: SCHEMA; Schema: -; Owner: -
                --

                -- *not* creating schema, since initdb creates it

                --
                -- Name: citus; Type: EXTENSION; Schema: -; Owner: -
                --

                CREATE EXTENSION IF NOT EXISTS citus WITH SCHEMA pg_catalog;

                --
                -- Name: EXTENSION citus_columnar; Type: COMMENT; Schema: -; Owner: -
                --

                COMMENT ON EXTENSION citus_columnar IS 'Citus Columnar extension';

                --
                -- Name: t; Type: TABLE; Schema: public; Owner: -
                --

                CREATE TABLE public.t (a integer);

                --
                -- PostgreSQL database dump complete
                --

                \\unrestrict 0aB3
                """;
        assertThat(SchemaDump.normalise(dump)).isEqualTo("""
                --
                -- Name: t; Type: TABLE; Schema: public; Owner: -
                --

                CREATE TABLE public.t (a integer);
                """);
    }

    @Test
    void theSchemaFileIsNoMigration() {
        assertThat(getClass().getClassLoader().getResource("db/migration/V1__analytics_events.sql")).isNotNull();
        assertThat(getClass().getClassLoader().getResource("db/migration/schema.sql")).isNull();
    }

    private static String firstDifference(String file, String current) {
        String[] a = file.split("\n", -1);
        String[] b = current.split("\n", -1);
        int line = 0;
        while (line < a.length && line < b.length && a[line].equals(b[line])) {
            line++;
        }
        return "First difference at line " + (line + 1) + ": the file has \""
                + (line < a.length ? a[line] : "<end of file>") + "\", the database gives \""
                + (line < b.length ? b[line] : "<end of file>") + "\"";
    }
}
