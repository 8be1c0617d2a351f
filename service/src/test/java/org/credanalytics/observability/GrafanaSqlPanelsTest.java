package org.credanalytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.credanalytics.observability.GrafanaDashboards.Query;
import org.credanalytics.rollup.RollupStep;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every SQL query of the dashboards (panels and template variables on the PostgreSQL datasource),
 * with Grafana's macros and variables filled in, run on the real schema with rolled-up data and
 * as the role Grafana logs in with, created by the compose init step's own grafana-reader.sql.
 */
@ExtendWith(CleanDatabase.class)
class GrafanaSqlPanelsTest {
    static final long INSTITUTION = 42;
    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");
    private static final Pattern LEFTOVER = Pattern.compile("\\$\\{?\\w+");

    private final TestDatabase db = TestDatabase.get();
    private final Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Instant from = to.minus(30, ChronoUnit.DAYS);

    @BeforeEach
    void rolledUpEventsAndTheReaderRole() throws Exception {
        requireHll();
        insertEvents(INSTITUTION, 300);
        insertEvents(7, 20);
        RollupStep step = new RollupStep(db.jdbi(), 1_000_000);
        assertThat(step.run(step.horizon()).rowsWritten()).isPositive();
        assertThat(db.count("SELECT count(*) FROM daily_analytics_rollups WHERE institution_id = ?", INSTITUTION)).isPositive();
        executeAsOwner(Files.readString(RepoFiles.path("docker/citus-init/grafana-reader.sql")));
        // Compose gives the role Grafana's secret; here the local cluster's password, which the nodes'
        // password file gives for every user when the coordinator reaches its workers as this role.
        executeAsOwner("ALTER ROLE grafana_reader PASSWORD '" + db.password().replace("'", "''") + "'");
    }

    @Test
    void theInstitutionVariableListsTheMostActiveInstitutionFirst() throws Exception {
        List<Query> variables = GrafanaDashboards.queries(GrafanaDashboards.POSTGRES_UID).stream()
                .filter(q -> q.where().equals("variable $institution")).toList();
        assertThat(variables).hasSize(1);

        List<List<String>> rows = runAsGrafanaReader(substitute(variables.get(0).text(), "0"));

        assertThat(rows).extracting(row -> row.get(0)).containsExactly(String.valueOf(INSTITUTION), "7");
    }

    @Test
    void everySqlQueryRunsAsTheGrafanaReaderAndReturnsRows() throws Exception {
        List<Query> queries = GrafanaDashboards.queries(GrafanaDashboards.POSTGRES_UID);
        assertThat(queries).hasSizeGreaterThanOrEqualTo(8);

        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            String sql = substitute(query.text(), String.valueOf(INSTITUTION));
            try {
                List<List<String>> rows = runAsGrafanaReader(sql);
                if (rows.isEmpty()) {
                    problems.add(query + ": no rows\n" + sql);
                } else if (rows.get(0).stream().allMatch(value -> value == null)) {
                    problems.add(query + ": only NULLs\n" + sql);
                }
            } catch (SQLException e) {
                problems.add(query + ": " + e.getMessage() + "\n" + sql);
            }
        }
        assertThat(problems).as("dashboard SQL queries that fail or return nothing (of %d)", queries.size()).isEmpty();
    }

    /** Grafana's SQL macros this project's dashboards use, and the $institution variable. */
    String substitute(String sql, String institution) {
        String result = TIME_FILTER.matcher(sql).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).trim() + " BETWEEN '" + from + "' AND '" + to + "'"));
        result = result.replace("$__timeFrom()", "'" + from + "'").replace("$__timeTo()", "'" + to + "'")
                .replace("${institution}", institution).replace("$institution", institution);
        Matcher leftover = LEFTOVER.matcher(result);
        if (leftover.find()) {
            throw new AssertionError("the test does not know the Grafana macro or variable " + leftover.group()
                    + "; keep the dashboards to $__timeFilter, $__timeFrom(), $__timeTo() and $institution:\n" + sql);
        }
        return result;
    }

    private List<List<String>> runAsGrafanaReader(String sql) throws SQLException {
        try (Connection connection = db.jdbi().open().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL ROLE grafana_reader");
                statement.execute("SET TRANSACTION READ ONLY");
                List<List<String>> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery(sql)) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            row.add(result.getString(i));
                        }
                        rows.add(row);
                    }
                }
                return rows;
            } finally {
                connection.rollback();
            }
        }
    }

    private void executeAsOwner(String script) throws SQLException {
        try (Connection connection = db.jdbi().open().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(script);
        }
    }

    /** The panels count unique recipients with hll_union_agg; the compose stack's Citus image has hll. */
    private void requireHll() {
        String type = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                WHERE attrelid = 'daily_analytics_rollups'::regclass AND attname = 'recipients'""")
                .mapTo(String.class).one());
        assertThat(type).as("daily_analytics_rollups.recipients must be of type hll for the Grafana panels:"
                + " install the PostgreSQL hll extension (Debian: postgresql-15-hll; .ci/run installs it)").isEqualTo("hll");
    }

    private void insertEvents(long institution, int issued) {
        db.createPartitions(to.minus(Duration.ofHours(72)), to);
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO analytics_events (event_id, event_type, institution_id, issued_at, metadata)
                SELECT 'g-' || g, CASE WHEN g % 5 = 0 THEN 'credential_viewed' WHEN g % 7 = 0 THEN 'credential_shared'
                                       ELSE 'credential_issued' END,
                       :institution, CAST(:to AS timestamptz) - (g % 72) * interval '1 hour',
                       jsonb_build_object('recipient_id', 'r-' || g % 41, 'viewer_id', 'v-' || g % 13,
                                          'recipient_location', (ARRAY['US', 'DE', 'IN'])[1 + g % 3],
                                          'credential_type', (ARRAY['First Aid', 'CPR', 'Forklift'])[1 + g % 3],
                                          'processing_time_ms', g)
                FROM generate_series(1, :n) AS g""")
                .bind("institution", institution).bind("n", issued).bind("to", to.toString()).execute());
    }
}
