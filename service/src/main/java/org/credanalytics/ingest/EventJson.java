package org.credanalytics.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON reader of ingest requests, strict where the service's own mapper is lenient:
 * duplicate keys are an error, and nesting, number and string sizes are bounded, so that no
 * request body can make decoding expensive.
 */
public final class EventJson {
    private EventJson() {
    }

    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxNumberLength(100)
                        .maxStringLength(1 << 20)
                        .build())
                .build();
        return new ObjectMapper(factory);
    }
}
