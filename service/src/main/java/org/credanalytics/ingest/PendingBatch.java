package org.credanalytics.ingest;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One request's events waiting in the writer, which of them turned out to be duplicates, and its answer. */
final class PendingBatch {
    private final List<Event> events;
    private final BitSet duplicates;
    private final CompletableFuture<IngestResult> result = new CompletableFuture<>();

    PendingBatch(List<Event> events) {
        this.events = events;
        this.duplicates = new BitSet(events.size());
    }

    List<Event> events() {
        return events;
    }

    int size() {
        return events.size();
    }

    CompletableFuture<IngestResult> result() {
        return result;
    }

    void markDuplicate(int index) {
        duplicates.set(index);
    }

    void clearDuplicates() {
        duplicates.clear();
    }

    /** Visits the events not (yet) known to be duplicates, with their index. */
    void forEachPending(IndexedEventConsumer consumer) {
        for (int i = duplicates.nextClearBit(0); i < events.size(); i = duplicates.nextClearBit(i + 1)) {
            consumer.accept(i, events.get(i));
        }
    }

    IngestResult toResult() {
        int duplicateCount = duplicates.cardinality();
        return new IngestResult(events.size() - duplicateCount, duplicateCount);
    }

    @FunctionalInterface
    interface IndexedEventConsumer {
        void accept(int index, Event event);
    }
}
