package org.credanalytics.loadgen.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An inclusive range of event sequences, i.e. the ids {@code {runId}-{first}} to {@code {runId}-{last}}. */
@JsonPropertyOrder({"first", "last"})
public record SeqRange(@JsonProperty("first") long first, @JsonProperty("last") long last) {

    public SeqRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid range " + first + ".." + last);
        }
    }

    public long size() {
        return last - first + 1;
    }

    public boolean contains(long sequence) {
        return sequence >= first && sequence <= last;
    }
}
