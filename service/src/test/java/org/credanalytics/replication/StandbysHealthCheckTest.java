package org.credanalytics.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class StandbysHealthCheckTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final NodeStandbys COORDINATOR_PAIRED = new NodeStandbys("127.0.0.1:27011", 1, 1, true, 0.002, 120);
    static final NodeStandbys WORKER_ALONE = new NodeStandbys("127.0.0.1:27021", 0, 0, false, 0, 0);
    static final NodeStandbys WORKER_ASYNC = new NodeStandbys("127.0.0.1:27031", 1, 0, false, 0.5, 4096);

    @Test
    void expectedStandbysAndANodeWithoutASynchronousOneIsUnhealthyNamingEachSuchNode() {
        Result result = check(true, snapshot(COORDINATOR_PAIRED, WORKER_ALONE, WORKER_ASYNC));

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage())
                .contains("node 127.0.0.1:27021 has no synchronous standby: acknowledged writes are on one server only"
                        + " until its secondary is back")
                .contains("node 127.0.0.1:27031 has no synchronous standby")
                .doesNotContain("node 127.0.0.1:27011 has no");
    }

    @Test
    void expectedStandbysAndEveryNodeWithASynchronousOneIsHealthyWithAPerNodeSummary() {
        Result result = check(true, snapshot(COORDINATOR_PAIRED, new NodeStandbys("127.0.0.1:27021", 1, 1, true, 0, 0)));

        assertThat(result.isHealthy()).as(result.getMessage()).isTrue();
        assertThat(result.getMessage()).doesNotContain("\n")
                .contains("127.0.0.1:27011: 1 standby (1 synchronous, required), replay lag 0.002 s / 120 B")
                .contains("127.0.0.1:27021: 1 standby");
    }

    @Test
    void withoutTheExpectationANodeWithoutStandbysIsTheSingleServerSetUpAndHealthy() {
        Result result = check(false, snapshot(WORKER_ALONE));

        assertThat(result.isHealthy()).isTrue();
        assertThat(result.getMessage()).isEqualTo("127.0.0.1:27021: 0 standbys (0 synchronous), replay lag 0.000 s / 0 B");
    }

    @Test
    void noSuccessfulPollYetIsUnhealthyWithTheReason() {
        Result result = new StandbysHealthCheck(Optional::empty, false, INTERVAL, CLOCK).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("no replication poll has succeeded yet");
    }

    @Test
    void aSnapshotOlderThanThreeIntervalsIsUnhealthyWhateverIsExpected() {
        StandbySnapshot stale = new StandbySnapshot(List.of(COORDINATOR_PAIRED), NOW.minusSeconds(31));

        Result result = new StandbysHealthCheck(() -> Optional.of(stale), false, INTERVAL, CLOCK).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("31 s old").contains("the last 3 failed");
    }

    private static Result check(boolean expectStandbys, StandbySnapshot snapshot) {
        return new StandbysHealthCheck(() -> Optional.of(snapshot), expectStandbys, INTERVAL, CLOCK).execute();
    }

    private static StandbySnapshot snapshot(NodeStandbys... nodes) {
        return new StandbySnapshot(List.of(nodes), NOW.minusSeconds(5));
    }
}
