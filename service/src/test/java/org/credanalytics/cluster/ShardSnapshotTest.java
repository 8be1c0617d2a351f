package org.credanalytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.credanalytics.cluster.ShardSnapshot.Node;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ShardSnapshotTest {
    @Test
    void skewIsTheLargestNodeOverTheMean() {
        assertThat(ShardSnapshot.skewRatio(List.of(new Node("a:5432", 16, 100), new Node("b:5432", 16, 300))))
                .isEqualTo(1.5);
        assertThat(ShardSnapshot.skewRatio(List.of(new Node("a:5432", 32, 400), new Node("b:5432", 0, 0))))
                .isEqualTo(2.0);
    }

    @Test
    void oneNodeNoNodesAndNoDataAreEven() {
        assertThat(ShardSnapshot.skewRatio(List.of(new Node("local", 6, 12345)))).isEqualTo(1.0);
        assertThat(ShardSnapshot.skewRatio(List.of())).isEqualTo(1.0);
        assertThat(ShardSnapshot.skewRatio(List.of(new Node("a:5432", 0, 0), new Node("b:5432", 0, 0)))).isEqualTo(1.0);
    }

    @Test
    void tenantBytesAreTheirShareOfEvents() {
        assertThat(ShardBalanceMonitor.estimatedBytes(1000, 25, 100)).isEqualTo(250);
        assertThat(ShardBalanceMonitor.estimatedBytes(1000, 1, 3)).isEqualTo(333);
        assertThat(ShardBalanceMonitor.estimatedBytes(1000, 0, 0)).isZero();
    }
}
