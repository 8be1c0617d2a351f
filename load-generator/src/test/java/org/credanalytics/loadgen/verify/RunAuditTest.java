package org.credanalytics.loadgen.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.credanalytics.loadgen.Json;
import org.credanalytics.loadgen.ingest.IngestReport;
import org.credanalytics.loadgen.ingest.SeqRange;
import org.credanalytics.loadgen.schedule.LatencySummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class RunAuditTest {
    /** 100 events: 0-79 acknowledged, 80-89 never acknowledged, 90-99 an invalid batch. */
    private static final RunExpectation EXPECTATION = new RunExpectation("r1", 100, 80,
            List.of(new SeqRange(80, 89)), List.of(new SeqRange(90, 99)));

    @Test
    void passesWhenEveryAcknowledgedEventIsStoredOnce() {
        RunAudit audit = new RunAudit("r1", EXPECTATION, 20);
        storeOnce(audit, 0, 79);
        storeOnce(audit, 80, 84); // unacknowledged but stored: allowed

        VerifyResult result = audit.finish();

        assertThat(result.ok()).isTrue();
        assertThat(result.storedFromUnacked()).isEqualTo(5);
        assertThat(result.unackedTotal()).isEqualTo(10);
        assertThat(result.expectedStored()).isEqualTo(80);
    }

    @Test
    void namesMissingIds() {
        RunAudit audit = new RunAudit("r1", EXPECTATION, 2);
        storeOnce(audit, 0, 74);

        VerifyResult result = audit.finish();

        assertThat(result.ok()).isFalse();
        assertThat(result.missingCount()).isEqualTo(5);
        assertThat(result.missing()).containsExactly("r1-75", "r1-76");
    }

    @Test
    void namesIdsStoredMoreThanOnce() {
        RunAudit audit = new RunAudit("r1", EXPECTATION, 20);
        storeOnce(audit, 0, 79);
        audit.accept("r1-3", 2);

        VerifyResult result = audit.finish();

        assertThat(result.ok()).isFalse();
        assertThat(result.duplicateCount()).isEqualTo(1);
        assertThat(result.duplicates()).containsExactly("r1-3 (2 rows)");
    }

    @Test
    void flagsIdsFromRejectedBatchesOrNeverGenerated() {
        RunAudit audit = new RunAudit("r1", EXPECTATION, 20);
        storeOnce(audit, 0, 79);
        audit.accept("r1-95", 1);
        audit.accept("r1-100", 1);
        audit.accept("r1-1" + "0".repeat(40), 1);

        VerifyResult result = audit.finish();

        assertThat(result.ok()).isFalse();
        assertThat(result.unexpected()).containsExactly("r1-95", "r1-100", "r1-1" + "0".repeat(40));
    }

    @Test
    void ignoresIdsOfOtherRunsThatShareThePrefix() {
        RunAudit audit = new RunAudit("r1", EXPECTATION, 20);
        storeOnce(audit, 0, 79);
        audit.accept("r1-x-5", 3);

        assertThat(audit.finish().ok()).isTrue();
    }

    @Test
    void withoutAReportOnlyDuplicatesAreJudged() {
        RunAudit audit = new RunAudit("r1", null, 20);
        storeOnce(audit, 0, 9);

        VerifyResult clean = audit.finish();
        audit.accept("r1-4", 2);
        VerifyResult duplicated = audit.finish();

        assertThat(clean.ok()).isTrue();
        assertThat(clean.storedIds()).isEqualTo(10);
        assertThat(clean.hasExpectation()).isFalse();
        assertThat(duplicated.ok()).isFalse();
    }

    @Test
    void aReportWhoseCountDisagreesWithItsRangesFails() {
        RunExpectation inconsistent = new RunExpectation("r1", 100, 81, EXPECTATION.unacked(), EXPECTATION.rejected());
        RunAudit audit = new RunAudit("r1", inconsistent, 20);
        storeOnce(audit, 0, 79);

        assertThat(audit.finish().ok()).isFalse();
    }

    @Test
    void readsTheExpectationFromAnIngestReportFile(@TempDir Path dir) {
        IngestReport report = new IngestReport("r1", "steady", 1, 100, 99, 100, 80, 80, 0, 10, 10, 2, 0, 0,
                new LatencySummary(1, 2, 3, 4, 5), 1.0, 10, 1, 100, 80,
                List.of(new SeqRange(80, 89)), List.of(new SeqRange(90, 99)));
        Path file = dir.resolve("report.json");
        Json.write(file, report);

        assertThat(RunExpectation.fromReport(file)).isEqualTo(EXPECTATION).isEqualTo(RunExpectation.of(report));
    }

    @Test
    void likePatternMatchesOnlyTheRunPrefix() {
        assertThat(StoredEvents.likePrefix("lg-20260301-101500-a1b2c3")).isEqualTo("lg-20260301-101500-a1b2c3-%");
        assertThat(StoredEvents.likePrefix("a_b%c")).isEqualTo("a\\_b\\%c-%");
    }

    private static void storeOnce(RunAudit audit, int first, int last) {
        for (int i = first; i <= last; i++) {
            audit.accept("r1-" + i, 1);
        }
    }
}
