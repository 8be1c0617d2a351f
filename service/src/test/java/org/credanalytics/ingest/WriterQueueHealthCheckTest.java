package org.credanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class WriterQueueHealthCheckTest {
    @Test
    void healthyBelowNinetyPercentOfTheQueue() {
        assertThat(new WriterQueueHealthCheck(() -> 0, 1000).execute().isHealthy()).isTrue();
        assertThat(new WriterQueueHealthCheck(() -> 899, 1000).execute().isHealthy()).isTrue();
    }

    @Test
    void unhealthyFromNinetyPercentOfTheQueue() {
        var result = new WriterQueueHealthCheck(() -> 900, 1000).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("900 of 1000");
    }
}
