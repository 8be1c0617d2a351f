package org.credanalytics.loadgen.verify;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.credanalytics.loadgen.gen.EventIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code verify}: checks in the database that every acknowledged event of a run is stored exactly
 * once, and that nothing from rejected batches is. Exit code 0 when it is, 1 when not (the
 * offending ids are printed), 2 when it cannot tell.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check that every acknowledged event of an ingest run is stored exactly once.",
            "With --report, missing and unexpected ids are found exactly; with only --run-id, duplicates are checked and counted."})
public final class VerifyCommand implements Callable<Integer> {

    @Option(names = "--db-url", required = true, description = "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/analytics.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:PGUSER}", description = "Database user (default: $PGUSER).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:PGPASSWORD}", description = "Database password (default: $PGPASSWORD).")
    String dbPassword;

    @Option(names = "--run-id", description = "Run to check (default: the report's run_id).")
    String runId;

    @Option(names = "--report", description = "Ingest report (JSON) of the run.")
    Path report;

    @Option(names = "--table", defaultValue = "analytics_events", description = "Events table (default: ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--show", defaultValue = "20", description = "How many ids to print per problem (default: ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() {
        if (runId == null && report == null) {
            System.err.println("verify needs --run-id or --report");
            return 2;
        }
        try {
            VerifyResult result = verify(dbUrl, dbUser, dbPassword, table, runId, report, show);
            result.print(System.out);
            return result.ok() ? 0 : 1;
        } catch (SQLException e) {
            System.err.println("cannot read events: " + e.getMessage());
            return 2;
        }
    }

    /**
     * Verifies a run. Either {@code runId} or {@code report} must be given; if both are, they must
     * name the same run.
     */
    public static VerifyResult verify(String dbUrl, String user, String password, String table, String runId,
                                      Path report, int show) throws SQLException {
        RunExpectation expectation = report == null ? null : RunExpectation.fromReport(report);
        String run = runId != null ? runId : expectation.runId();
        if (expectation != null && !expectation.runId().equals(run)) {
            throw new IllegalArgumentException("--run-id " + run + " but the report is of run " + expectation.runId());
        }
        EventIds.requireValidRunId(run);
        RunAudit audit = new RunAudit(run, expectation, show);
        StoredEvents.scan(dbUrl, user, password, table, run, audit::accept);
        return audit.finish();
    }
}
