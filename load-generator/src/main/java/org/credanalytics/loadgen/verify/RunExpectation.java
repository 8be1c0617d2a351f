package org.credanalytics.loadgen.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.credanalytics.loadgen.Json;
import org.credanalytics.loadgen.ingest.IngestReport;
import org.credanalytics.loadgen.ingest.SeqRange;

/**
 * What an ingest report says must be stored: every sequence below {@code sequenceCount} except
 * those in unacknowledged ranges (may be stored) and rejected ranges (must not be stored).
 */
public record RunExpectation(String runId, long sequenceCount, long ackedUnique,
                             List<SeqRange> unacked, List<SeqRange> rejected) {

    public static RunExpectation of(IngestReport report) {
        return new RunExpectation(report.runId(), report.sequenceCount(), report.ackedUnique(),
                report.unackedRanges(), report.rejectedRanges());
    }

    /** Reads the fields verify needs from a report file, tolerating fields it does not know. */
    public static RunExpectation fromReport(Path file) {
        JsonNode report;
        try {
            report = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report " + file, e);
        }
        for (String field : List.of("run_id", "sequence_count", "acked_unique", "unacked_ranges", "rejected_ranges")) {
            if (!report.has(field)) {
                throw new IllegalArgumentException(file + " is not an ingest report: no " + field);
            }
        }
        return new RunExpectation(report.get("run_id").asText(), report.get("sequence_count").asLong(),
                report.get("acked_unique").asLong(), ranges(report.get("unacked_ranges")),
                ranges(report.get("rejected_ranges")));
    }

    /** The number of sequences that must be stored according to the ranges. */
    public long expectedStored() {
        return sequenceCount - total(unacked) - total(rejected);
    }

    private static long total(List<SeqRange> ranges) {
        return ranges.stream().mapToLong(SeqRange::size).sum();
    }

    private static List<SeqRange> ranges(JsonNode array) {
        List<SeqRange> ranges = new ArrayList<>();
        for (JsonNode range : array) {
            ranges.add(new SeqRange(range.get("first").asLong(), range.get("last").asLong()));
        }
        return ranges;
    }
}
