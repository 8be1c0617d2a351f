package org.credanalytics.loadgen.history;

/**
 * A request body for the import endpoints with the headers that describe it: NDJSON or a JSON
 * array, optionally gzip-compressed ({@code Content-Encoding: gzip}).
 */
public record ImportBody(byte[] bytes, String contentType, boolean gzip) {
    public static final String NDJSON = "application/x-ndjson";
    public static final String JSON = "application/json";

    public static ImportBody of(Part part) {
        return new ImportBody(part.gzipNdjson(), NDJSON, true);
    }

    public static ImportBody ndjson(byte[] bytes) {
        return new ImportBody(bytes, NDJSON, false);
    }

    public static ImportBody jsonArray(byte[] bytes) {
        return new ImportBody(bytes, JSON, false);
    }
}
