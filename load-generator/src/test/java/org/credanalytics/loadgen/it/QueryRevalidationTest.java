package org.credanalytics.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.loadgen.ingest.IngestCommand;
import org.credanalytics.loadgen.ingest.IngestReport;
import org.credanalytics.loadgen.query.EndpointReport;
import org.credanalytics.loadgen.query.QueryCommand;
import org.credanalytics.loadgen.query.QueryReport;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The query command against the real service: the funnel and the compared summary, as CSV, revalidated. */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class QueryRevalidationTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create();

    @Test
    void unchangedAnswersAreRevalidatedWith304s() throws Exception {
        String target = "http://127.0.0.1:" + APP.getLocalPort();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        IngestReport ingest = IngestCommand.run(IngestCommand.settingsFrom("--target", target, "--rate", "1000",
                "--duration", "1s", "--batch-size", "50", "--concurrency", "2", "--institutions", "3", "--seed", "3",
                "--api-key", TestKeys.ADMIN), out);
        assertThat(ingest.failed()).as(log.toString(StandardCharsets.UTF_8)).isZero();

        // Nothing is ingested from here on, so each path's answer, and its tag, stays the same.
        QueryReport report = QueryCommand.run(QueryCommand.settingsFrom("--target", target, "--api-key", TestKeys.ADMIN,
                "--endpoints", "funnel,summary-compared", "--format", "csv", "--revalidate", "--institutions", "3",
                "--range-days", "7", "--rate", "50", "--duration", "2s", "--concurrency", "2", "--seed", "3"), out);

        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(report.sent()).isEqualTo(100);
        assertThat(report.errors()).as(text).isZero();
        assertThat(report.ok()).isEqualTo(100);
        // At most one full answer per path (3 institutions x 2 endpoints) and request in flight, then 304s.
        assertThat(report.notModified()).as(text).isGreaterThanOrEqualTo(50);
        for (String endpoint : new String[] {"funnel", "summary-compared"}) {
            EndpointReport answers = report.endpoints().get(endpoint);
            assertThat(answers.notModified()).as(endpoint).isPositive();
            assertThat(answers.statuses()).as(endpoint).containsOnlyKeys("200", "304")
                    .containsEntry("304", answers.notModified());
        }
        // What the run asked for is CSV.
        LocalDate to = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        String csv = Probe.get(APP.getLocalPort(), "/v1/institutions/1/funnel?from=" + to.minusDays(7) + "&to=" + to
                + "&tz=UTC&format=csv");
        assertThat(csv).startsWith("stage,count,rate_from_previous,rate_from_issued\r\nissued,");
    }
}
