package org.credanalytics.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.credanalytics.ingest.CopyBuffer;
import org.credanalytics.ingest.Event;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class TextCopyEncoderTest {
    private static String encode(Event... events) {
        CopyBuffer buffer = new CopyBuffer(4);
        new TextCopyEncoder().encode(List.of(events), buffer);
        return new String(Arrays.copyOf(buffer.array(), buffer.length()), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesOneTabSeparatedLinePerEvent() {
        String copy = encode(
                new Event("a", "credential_issued", 42, Instant.parse("2026-03-01T10:15:00Z"), utf8("{\"k\":1}")),
                new Event("b", "credential_viewed", 7, Instant.parse("2026-03-01T10:15:00.123456Z"), utf8("{}")));

        assertThat(copy).isEqualTo("a\tcredential_issued\t42\t2026-03-01T10:15:00.000000Z\t{\"k\":1}\n"
                + "b\tcredential_viewed\t7\t2026-03-01T10:15:00.123456Z\t{}\n");
    }

    @Test
    void writesNullsAsBackslashN() {
        assertThat(encode(new Event(null, "x", 1, Instant.parse("2000-01-01T00:00:00Z"), null)))
                .isEqualTo("\\N\tx\t1\t2000-01-01T00:00:00.000000Z\t\\N\n");
    }

    @Test
    void escapesBackslashTabNewlineAndCarriageReturnInEveryTextField() {
        String copy = encode(new Event("a\\b\tc\nd\re", "x", 1, Instant.parse("2000-01-01T00:00:00Z"),
                utf8("{\"k\":\"q\\\"\\\\\"}")));

        assertThat(copy).isEqualTo("a\\\\b\\tc\\nd\\re\tx\t1\t2000-01-01T00:00:00.000000Z\t{\"k\":\"q\\\\\"\\\\\\\\\"}\n");
    }

    @Test
    void leavesNonAsciiTextAndTheEndMarkerHarmless() {
        assertThat(encode(new Event("é😀", "x", 1, Instant.parse("2000-01-01T00:00:00Z"), null)))
                .startsWith("é😀\t");
        assertThat(encode(new Event("\\.", "x", 1, Instant.parse("2000-01-01T00:00:00Z"), null)))
                .startsWith("\\\\.\t");
    }

    @Test
    void writesTimestampsAsUtcWithMicroseconds() {
        assertThat(encode(new Event("a", "x", 1, Instant.parse("1969-07-20T20:17:40.000001Z"), null)))
                .contains("\t1969-07-20T20:17:40.000001Z\t");
        assertThat(encode(new Event("a", "x", 9_223_372_036_854_775_807L, Instant.parse("1900-01-01T00:00:00Z"), null)))
                .contains("\t9223372036854775807\t1900-01-01T00:00:00.000000Z\t");
    }
}
