package org.credanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class BinaryCopyEncoderTest {
    @Test
    void timestampsCountMicrosecondsFromThePostgresEpoch() {
        assertThat(BinaryCopyEncoder.postgresMicros(Instant.parse("2000-01-01T00:00:00Z"))).isZero();
        assertThat(BinaryCopyEncoder.postgresMicros(Instant.parse("2000-01-01T00:00:01.000002Z"))).isEqualTo(1_000_002);
        assertThat(BinaryCopyEncoder.postgresMicros(Instant.parse("1999-12-31T23:59:59Z"))).isEqualTo(-1_000_000);
    }

    @Test
    void writesHeaderRowsAndTrailer() {
        CopyBuffer buffer = new CopyBuffer(16);
        new BinaryCopyEncoder().encode(List.of(new Event(null, "a", 1, Instant.parse("2000-01-01T00:00:00Z"), null)), buffer);
        byte[] bytes = Arrays.copyOf(buffer.array(), buffer.length());

        assertThat(Arrays.copyOf(bytes, 11)).isEqualTo(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        // header 19 + field count 2 + null id 4 + "a" 5 + int8 12 + timestamptz 12 + null jsonb 4 + trailer 2
        assertThat(bytes).hasSize(19 + 2 + 4 + 5 + 12 + 12 + 4 + 2);
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 2, bytes.length)).isEqualTo(new byte[] {(byte) 0xFF, (byte) 0xFF});
    }
}
