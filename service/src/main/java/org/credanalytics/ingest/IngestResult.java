package org.credanalytics.ingest;

/** The answer to an ingest request, sent only once its events are committed. */
public record IngestResult(int accepted, int duplicates) {
}
