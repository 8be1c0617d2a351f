package org.credanalytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RollupLagHealthCheckTest {
    private final RollupMetrics metrics = new RollupMetrics(new SimpleMeterRegistry());

    @Test
    void healthyWhileTheJobCatchesUpWithinTheThreshold() {
        metrics.caughtUp(System.currentTimeMillis(), 100);

        assertThat(new RollupLagHealthCheck(metrics, Duration.ofMinutes(5)).execute().isHealthy()).isTrue();
    }

    @Test
    void unhealthyWhenTheLastCatchUpIsOlderThanTheThreshold() {
        metrics.caughtUp(System.currentTimeMillis() - Duration.ofMinutes(6).toMillis(), 100);

        var result = new RollupLagHealthCheck(metrics, Duration.ofMinutes(5)).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("threshold 300 s");
    }
}
