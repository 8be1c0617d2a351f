package org.credanalytics.loadgen.verify;

import java.io.PrintStream;
import java.util.List;

/**
 * The outcome of a verification. Without an expectation (only a run id) only duplicates can be
 * judged, and {@code expectedStored} is -1.
 *
 * @param storedIds         distinct event ids of the run in the table
 * @param storedRows        rows of the run in the table (more than ids when an id is stored twice)
 * @param storedFromUnacked ids stored from batches that were never acknowledged: allowed, reported
 * @param unexpected        ids that must not exist: from rejected batches or never generated
 */
public record VerifyResult(
        String runId,
        long storedIds,
        long storedRows,
        long expectedStored,
        long reportedAckedUnique,
        long missingCount,
        List<String> missing,
        long duplicateCount,
        List<String> duplicates,
        long unexpectedCount,
        List<String> unexpected,
        long storedFromUnacked,
        long unackedTotal) {

    public boolean hasExpectation() {
        return expectedStored >= 0;
    }

    /** Whether the report's own count agrees with its ranges; if not, the report cannot be trusted. */
    public boolean reportConsistent() {
        return !hasExpectation() || expectedStored == reportedAckedUnique;
    }

    public boolean ok() {
        return missingCount == 0 && duplicateCount == 0 && unexpectedCount == 0 && reportConsistent();
    }

    public void print(PrintStream out) {
        out.printf("run %s: %d event ids stored in %d rows%n", runId, storedIds, storedRows);
        if (hasExpectation()) {
            long storedAcked = storedIds - storedFromUnacked - unexpectedCount;
            out.printf("acknowledged: %d expected, %d stored%s%n", expectedStored, storedAcked,
                    storedAcked == expectedStored ? "" : "  <-- MISMATCH");
            out.printf("unacknowledged: %d of %d stored (allowed)%n", storedFromUnacked, unackedTotal);
            if (!reportConsistent()) {
                out.printf("report inconsistent: acked_unique %d but its ranges imply %d%n",
                        reportedAckedUnique, expectedStored);
            }
            list(out, "missing", missingCount, missing);
            list(out, "unexpected (rejected or never sent)", unexpectedCount, unexpected);
        } else {
            out.println("no report given: checking duplicates only");
        }
        list(out, "duplicated", duplicateCount, duplicates);
        if (!ok()) {
            out.println("FAILED");
        } else {
            out.println(hasExpectation() ? "OK: every acknowledged event is stored exactly once"
                    : "OK: no event id of the run is stored more than once");
        }
    }

    private static void list(PrintStream out, String what, long count, List<String> sample) {
        out.printf("%s: %d%n", what, count);
        for (String id : sample) {
            out.println("  " + id);
        }
        if (count > sample.size()) {
            out.printf("  ... and %d more%n", count - sample.size());
        }
    }
}
