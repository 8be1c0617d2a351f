package org.credanalytics.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.credanalytics.AnalyticsConfiguration;
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

    private static String describe(VerifyResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
