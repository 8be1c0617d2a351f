package org.credanalytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ShardMonitorHealthCheckTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration INTERVAL = Duration.ofSeconds(30);

    private static Optional<ShardSnapshot> takenAt(Instant at) {
        return Optional.of(new ShardSnapshot(false, List.of(), List.of(), 1.0, List.of(), List.of(), at));
    }

    @Test
    void healthyWhileSnapshotsAreRecent() {
        var check = new ShardMonitorHealthCheck(() -> takenAt(NOW.minusSeconds(85)), INTERVAL, CLOCK);

        assertThat(check.execute().isHealthy()).isTrue();
    }

    @Test
    void unhealthyWhenThreeSnapshotsInARowFailed() {
        var check = new ShardMonitorHealthCheck(() -> takenAt(NOW.minusSeconds(91)), INTERVAL, CLOCK);

        assertThat(check.execute().isHealthy()).isFalse();
        assertThat(check.execute().getMessage()).contains("91 s old");
    }

    @Test
    void unhealthyBeforeAnySnapshotSucceeded() {
        assertThat(new ShardMonitorHealthCheck(Optional::empty, INTERVAL, CLOCK).execute().isHealthy()).isFalse();
    }
}
