package org.credanalytics.db;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.credanalytics.local.PostgresBinaries;
import org.jdbi.v3.core.Jdbi;

/**
 * The schema of a migrated database as {@code pg_dump --schema-only --no-owner --no-privileges}
 * prints it, made stable enough to compare with {@code sql/schema.sql}: without pg_dump's version
 * lines, session {@code SET}s and random {@code \restrict} keys, without Flyway's history table, and
 * with the partitioned {@code analytics_events} but none of its daily partitions, whose names
 * change with the day. pg_dump is the one of the machine's server binaries ({@link PostgresBinaries}).
 */
final class SchemaDump {
    private static final Pattern UNSTABLE_LINE = Pattern.compile(
            "^(-- Dumped (from|by) .*|\\\\(un)?restrict .*|SET .*|SELECT pg_catalog.set_config\\('search_path'.*)$");

    private static final Pattern BANNER = Pattern.compile("(?m)^--\n-- PostgreSQL database dump( complete)?\n--$");
    private static final Pattern LEFT_OUT_ENTRY = Pattern.compile(
            "(?m)^--\n-- Name: (public; Type: SCHEMA|(EXTENSION )?citus(_columnar)?; Type: (EXTENSION|COMMENT));.*\n--\n\n.*$");

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Jdbi jdbi;

    SchemaDump(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.jdbi = Jdbi.create(jdbcUrl, user, password);
    }

    /** The normalised dump. */
    String schema() throws IOException, InterruptedException {
        return normalise(pgDump());
    }

    /** Tables of the schema (not partitions, not Flyway's), by name: what the distribution section lists. */
    List<String> tables() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT relname FROM pg_class
                WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition
                  AND relname <> 'flyway_schema_history'
                ORDER BY relname""").mapTo(String.class).list());
    }

    private List<String> partitions() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'public.analytics_events'::regclass ORDER BY c.relname""")
                .mapTo(String.class).list());
    }

    private String pgDump() throws IOException, InterruptedException {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(PostgresBinaries.locate().binary("pg_dump"),
                "--schema-only", "--no-owner", "--no-privileges",
                "--host", uri.getHost(), "--port", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "--username", user, "--dbname", uri.getPath().substring(1),
                "--exclude-table", "public.flyway_schema_history"));
        for (String partition : partitions()) {
            command.addAll(List.of("--exclude-table", "public." + partition));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("pg_dump of " + jdbcUrl + " failed (see its output above)");
        }
        return out;
    }

    /**
     * Drops the unstable lines, pg_dump's opening and closing banners, the blank lines all these leave
     * in a row, and two kinds of entries: the citus and citus_columnar extensions (only a Citus
     * coordinator has them: without them the dump is the same on both engines), and the public schema,
     * which pg_dump lists (without creating it) once its owner is another than initdb's, as the
     * compose stack's service role makes it.
     */
    static String normalise(String dump) {
        String kept = dump.lines().filter(line -> !UNSTABLE_LINE.matcher(line).matches())
                .collect(Collectors.joining("\n"));
        return LEFT_OUT_ENTRY.matcher(BANNER.matcher(kept).replaceAll("")).replaceAll("")
                .replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }
}
