package org.credanalytics.loadgen.ingest;

import java.util.List;
import org.credanalytics.loadgen.gen.Event;
import org.credanalytics.loadgen.gen.EventEncoder;

/** The two request body formats the batch endpoint accepts. */
public enum BodyFormat {
    JSON("application/json"),
    NDJSON("application/x-ndjson");

    private final String contentType;

    BodyFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    byte[] encode(EventEncoder encoder, List<Event> events) {
        return this == JSON ? encoder.jsonArray(events) : encoder.ndjson(events);
    }
}
