package org.credanalytics.loadgen.verify;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.credanalytics.loadgen.gen.EventIds;
import org.credanalytics.loadgen.ingest.SeqRange;

/**
 * Compares the stored ids of a run, fed one by one with their row counts, with what the report
 * expects. Sequences are tracked in bit sets, so a run of 100 million events needs ~40 MB.
 */
public final class RunAudit {
    private final String runId;
    private final RunExpectation expectation;
    private final int sampleSize;
    private final BitSet present = new BitSet();
    private final BitSet unacked = new BitSet();
    private final BitSet rejected = new BitSet();
    private final List<String> duplicates = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private long storedIds;
    private long storedRows;
    private long duplicateCount;
    private long unexpectedCount;
    private long storedFromUnacked;

    /** @param expectation what the report expects, or null to check duplicates only */
    public RunAudit(String runId, RunExpectation expectation, int sampleSize) {
        this.runId = runId;
        this.expectation = expectation;
        this.sampleSize = sampleSize;
        if (expectation != null) {
            if (expectation.sequenceCount() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("runs of more than 2^31 events are not supported");
            }
            mark(unacked, expectation.unacked());
            mark(rejected, expectation.rejected());
        }
    }

    /** One stored event id of the run and how many rows carry it. */
    public void accept(String eventId, long rows) {
        long sequence = EventIds.sequenceOf(runId, eventId);
        if (sequence < 0) {
            return; // Matched the LIKE prefix but belongs to another run, e.g. "{runId}-x-1".
        }
        storedIds++;
        storedRows += rows;
        if (rows > 1) {
            duplicateCount++;
            sample(duplicates, eventId + " (" + rows + " rows)");
        }
        if (expectation == null) {
            return;
        }
        if (sequence >= expectation.sequenceCount() || rejected.get((int) sequence)) {
            unexpectedCount++;
            sample(unexpected, eventId);
            return;
        }
        if (unacked.get((int) sequence)) {
            storedFromUnacked++;
        }
        present.set((int) sequence);
    }

    public VerifyResult finish() {
        if (expectation == null) {
            return new VerifyResult(runId, storedIds, storedRows, -1, -1, 0, List.of(), duplicateCount,
                    List.copyOf(duplicates), 0, List.of(), 0, 0);
        }
        BitSet missing = new BitSet();
        missing.set(0, (int) expectation.sequenceCount());
        missing.andNot(unacked);
        missing.andNot(rejected);
        missing.andNot(present);
        List<String> missingSample = new ArrayList<>();
        for (int i = missing.nextSetBit(0); i >= 0 && missingSample.size() < sampleSize; i = missing.nextSetBit(i + 1)) {
            missingSample.add(EventIds.of(runId, i));
        }
        return new VerifyResult(runId, storedIds, storedRows, expectation.expectedStored(), expectation.ackedUnique(),
                missing.cardinality(), missingSample, duplicateCount, List.copyOf(duplicates), unexpectedCount,
                List.copyOf(unexpected), storedFromUnacked, unacked.cardinality());
    }

    private void sample(List<String> list, String id) {
        if (list.size() < sampleSize) {
            list.add(id);
        }
    }

    private static void mark(BitSet bits, List<SeqRange> ranges) {
        for (SeqRange range : ranges) {
            bits.set((int) range.first(), (int) Math.min(Integer.MAX_VALUE, range.last() + 1));
        }
    }
}
