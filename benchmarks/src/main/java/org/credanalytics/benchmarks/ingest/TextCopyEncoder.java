package org.credanalytics.benchmarks.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.credanalytics.ingest.CopyBuffer;
import org.credanalytics.ingest.Event;

/**
 * Encodes events in PostgreSQL's text COPY format, for the same columns as the service's
 * {@code BinaryCopyEncoder}: the alternative it is measured against. One row per line, fields
 * separated by tabs, NULL as {@code \N}; backslash, tab, newline and carriage return inside a
 * value are escaped ({@code \\ \t \n \r}), so any validated value arrives unchanged. Timestamps are
 * written as ISO-8601 UTC with microseconds ({@code 2026-03-01T10:15:00.123456Z}) by hand rather
 * than with a {@code DateTimeFormatter}, so that the comparison is between formats, not between
 * formatters. Not thread-safe: one instance per writer thread, like the buffer it fills.
 */
public final class TextCopyEncoder {
    public static final String COPY_SQL = "COPY analytics_events (event_id, event_type, institution_id, issued_at, metadata)"
            + " FROM STDIN (FORMAT text)";

    private final byte[] digits = new byte[20];
    private final byte[] timestamp = "0000-00-00T00:00:00.000000Z".getBytes(StandardCharsets.US_ASCII);

    public void encode(List<Event> events, CopyBuffer out) {
        for (Event event : events) {
            writeText(out, event.eventId());
            out.writeByte('\t');
            writeText(out, event.eventType());
            out.writeByte('\t');
            writeDecimal(out, event.institutionId());
            out.writeByte('\t');
            writeTimestamp(out, event.occurredAt());
            out.writeByte('\t');
            writeEscaped(out, event.metadataJson());
            out.writeByte('\n');
        }
    }

    private static void writeText(CopyBuffer out, String value) {
        writeEscaped(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Escapes byte by byte: in UTF-8 these four ASCII bytes never occur inside a multi-byte character. */
    private static void writeEscaped(CopyBuffer out, byte[] value) {
        if (value == null) {
            out.writeByte('\\');
            out.writeByte('N');
            return;
        }
        if (!needsEscaping(value)) {
            out.write(value);
            return;
        }
        for (byte b : value) {
            switch (b) {
                case '\\' -> escape(out, '\\');
                case '\t' -> escape(out, 't');
                case '\n' -> escape(out, 'n');
                case '\r' -> escape(out, 'r');
                default -> out.writeByte(b);
            }
        }
    }

    private static boolean needsEscaping(byte[] value) {
        for (byte b : value) {
            if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    private static void escape(CopyBuffer out, char code) {
        out.writeByte('\\');
        out.writeByte(code);
    }

    private void writeDecimal(CopyBuffer out, long value) {
        if (value < 0) {
            writeAscii(out, Long.toString(value));
            return;
        }
        int start = digits.length;
        do {
            digits[--start] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start; i < digits.length; i++) {
            out.writeByte(digits[i]);
        }
    }

    /** Fills the digits of a fixed-width template; every divisor is a constant, so no division instruction. */
    private void writeTimestamp(CopyBuffer out, Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 1000 || year > 9999) {
            writeAscii(out, instant.toString()); // never after validation, but still correct
            return;
        }
        int micros = utc.getNano() / 1_000;
        putTwoDigits(0, year / 100);
        putTwoDigits(2, year % 100);
        putTwoDigits(5, utc.getMonthValue());
        putTwoDigits(8, utc.getDayOfMonth());
        putTwoDigits(11, utc.getHour());
        putTwoDigits(14, utc.getMinute());
        putTwoDigits(17, utc.getSecond());
        putTwoDigits(20, micros / 10_000);
        putTwoDigits(22, micros / 100 % 100);
        putTwoDigits(24, micros % 100);
        out.write(timestamp);
    }

    private void putTwoDigits(int at, int value) {
        timestamp[at] = (byte) ('0' + value / 10);
        timestamp[at + 1] = (byte) ('0' + value % 10);
    }

    private static void writeAscii(CopyBuffer out, String value) {
        for (int i = 0; i < value.length(); i++) {
            out.writeByte(value.charAt(i));
        }
    }
}
