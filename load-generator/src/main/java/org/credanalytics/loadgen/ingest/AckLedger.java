package org.credanalytics.loadgen.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which event sequences the service acknowledged. A range counts as acknowledged as soon as any
 * send of it (original or re-send) got a 2xx, even if another send of it failed; ranges that no
 * send got acknowledged for are "unacked" (they may or may not be stored). Invalid batches are
 * tracked apart: none of their events may be stored.
 */
final class AckLedger {
    private final Set<Long> acked = new HashSet<>();
    private final TreeMap<Long, SeqRange> unacked = new TreeMap<>();
    private final TreeMap<Long, SeqRange> rejected = new TreeMap<>();
    private long ackedUnique;

    synchronized void acknowledged(SeqRange range) {
        if (acked.add(range.first())) {
            ackedUnique += range.size();
        }
        unacked.remove(range.first());
    }

    synchronized void notAcknowledged(SeqRange range) {
        if (!acked.contains(range.first())) {
            unacked.put(range.first(), range);
        }
    }

    synchronized void invalid(SeqRange range) {
        rejected.put(range.first(), range);
    }

    /** Events acknowledged at least once, each counted once. */
    synchronized long ackedUnique() {
        return ackedUnique;
    }

    synchronized List<SeqRange> unackedRanges() {
        return coalesce(unacked.values());
    }

    synchronized List<SeqRange> rejectedRanges() {
        return coalesce(rejected.values());
    }

    /** Merges adjacent ranges so that a long outage is one entry in the report, not thousands. */
    static List<SeqRange> coalesce(Iterable<SeqRange> sorted) {
        List<SeqRange> merged = new ArrayList<>();
        for (SeqRange range : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).last() + 1 >= range.first()) {
                SeqRange previous = merged.get(last);
                merged.set(last, new SeqRange(previous.first(), Math.max(previous.last(), range.last())));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }
}
