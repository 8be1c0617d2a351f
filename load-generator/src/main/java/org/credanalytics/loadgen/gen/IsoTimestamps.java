package org.credanalytics.loadgen.gen;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats epoch milliseconds as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} into a reused buffer.
 * DateTimeFormatter costs about a microsecond per call, a large part of the per-event budget;
 * since most events fall in the same second, caching the date-time prefix makes this nearly free.
 */
final class IsoTimestamps {
    static final int LENGTH = 24;

    private final char[] buffer = new char[LENGTH];
    private long cachedSecond = Long.MIN_VALUE;

    /** Returns the shared buffer, valid until the next call. */
    char[] format(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond) {
            writePrefix(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC));
            cachedSecond = second;
        }
        int millis = Math.floorMod(epochMillis, 1000);
        buffer[19] = '.';
        digits(millis, 20, 3);
        buffer[23] = 'Z';
        return buffer;
    }

    String formatToString(long epochMillis) {
        return new String(format(epochMillis));
    }

    private void writePrefix(LocalDateTime t) {
        digits(t.getYear(), 0, 4);
        buffer[4] = '-';
        digits(t.getMonthValue(), 5, 2);
        buffer[7] = '-';
        digits(t.getDayOfMonth(), 8, 2);
        buffer[10] = 'T';
        digits(t.getHour(), 11, 2);
        buffer[13] = ':';
        digits(t.getMinute(), 14, 2);
        buffer[16] = ':';
        digits(t.getSecond(), 17, 2);
    }

    private void digits(int value, int offset, int width) {
        for (int i = offset + width - 1; i >= offset; i--) {
            buffer[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
