package org.credanalytics.loadgen.ingest;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date, defaulting to one second. */
public final class RetryAfter {
    static final Duration DEFAULT = Duration.ofSeconds(1);
    /** Never wait longer than this for one backoff, whatever the header says. */
    static final Duration MAX = Duration.ofSeconds(60);
    /** Even "0" gets a short pause, so a full queue is not hammered in a tight loop. */
    static final Duration MIN = Duration.ofMillis(10);

    private RetryAfter() {
    }

    public static Duration parse(Optional<String> header, ZonedDateTime now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return DEFAULT;
        }
        String value = header.get().trim();
        Duration delay;
        try {
            delay = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                delay = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException notDate) {
                return DEFAULT;
            }
        }
        if (delay.compareTo(MIN) < 0) {
            return MIN;
        }
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}
