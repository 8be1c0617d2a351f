package org.credanalytics.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.loadgen.history.HistoryCommand;
import org.credanalytics.loadgen.history.HistorySummary;
import org.credanalytics.loadgen.ingest.IngestCommand;
import org.credanalytics.loadgen.ingest.IngestReport;
import org.credanalytics.loadgen.verify.VerifyCommand;
import org.credanalytics.loadgen.verify.VerifyResult;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The load generator against the real service on the real database: ingest, then verify. */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class IngestThenVerifyTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create();

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEventIsStoredOnceAndVerifyNoticesADeletion() throws Exception {
        TestDatabase db = TestDatabase.get();
        Path report = dir.resolve("report.json");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        IngestReport ingest = IngestCommand.run(IngestCommand.settingsFrom(
                "--target", "http://127.0.0.1:" + APP.getLocalPort(), "--rate", "2000", "--duration", "4s",
                "--batch-size", "50", "--concurrency", "4", "--institutions", "50", "--scenario", "duplicates",
                "--seed", "7", "--report", report.toString(), "--api-key", TestKeys.ADMIN), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(ingest.acked()).as(log.toString(StandardCharsets.UTF_8)).isGreaterThan(6_000);
        assertThat(ingest.failed()).isZero();
        assertThat(ingest.duplicates()).isPositive();
        org.credanalytics.loadgen.Json.write(report, ingest);
        VerifyResult clean = VerifyCommand.verify(db.url(), db.user(), db.password(), "analytics_events", null, report, 20);
        assertThat(clean.ok()).as(describe(clean)).isTrue();

        db.jdbi().useHandle(h -> h.execute(
                "DELETE FROM analytics_events WHERE id = (SELECT min(id) FROM analytics_events)"));

        VerifyResult broken = VerifyCommand.verify(db.url(), db.user(), db.password(), "analytics_events", null, report, 20);
        assertThat(broken.ok()).isFalse();
        assertThat(describe(broken)).contains("missing: 1");
    }

    /**
     * The history mode through the real import API: every event once in the rollups, and kept as raw
     * (the test configuration retains raw events for years); the same command again, all duplicates.
     */
    @Test
    void historyImportStoresEveryEventOnceAndTheSameCommandAgainOnlyDuplicates() throws Exception {
        TestDatabase db = TestDatabase.get();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        // One fixed end for both runs: the default (this hour) could move between them.
        String[] args = {"--target", "http://127.0.0.1:" + APP.getLocalPort(), "--api-key", TestKeys.ADMIN,
            "--until", Instant.now().truncatedTo(ChronoUnit.HOURS).toString(), "--days", "60",
            "--events", "20000", "--part-events", "5000", "--institutions", "50", "--seed", "11",
            "--poll-interval", "200ms", "--wait-timeout", "2m"};

        HistorySummary first = HistoryCommand.run(HistoryCommand.settingsFrom(args), out);
        HistorySummary again = HistoryCommand.run(HistoryCommand.settingsFrom(args), out);

        assertThat(first.ok()).as(log.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(first.parts()).isEqualTo(4);
        assertThat(first.imported()).isEqualTo(20_000);
        assertThat(first.rejected()).isZero();
        assertThat(again.ok()).as(log.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(again.imported()).isZero();
        assertThat(again.duplicates()).isEqualTo(20_000);
        VerifyResult stored = VerifyCommand.verify(db.url(), db.user(), db.password(), "analytics_events", "hist-11", null, 20);
        assertThat(stored.storedIds()).as(describe(stored)).isEqualTo(20_000);
        assertThat(stored.ok()).as(describe(stored)).isTrue();
        assertThat(db.count("SELECT sum(events) FROM monthly_event_counts WHERE import_id = ?", first.importId()))
                .isEqualTo(20_000);
    }

    private static String describe(VerifyResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
