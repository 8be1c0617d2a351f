package org.credanalytics.imports;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One event an import did not take: its part, its line (NDJSON) or the line it starts on (JSON array), and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(int part, long line, String field, String message) {
}
