package org.credanalytics.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class NodeUrlsTest {
    @Test
    void theHostAndPortChangeAndTheDatabaseAndParametersStay() {
        assertThat(NodeUrls.onNode("jdbc:postgresql://coordinator:5432/analytics?sslmode=verify-full&connectTimeout=5",
                "10.0.0.7", 6432))
                .isEqualTo("jdbc:postgresql://10.0.0.7:6432/analytics?sslmode=verify-full&connectTimeout=5");
    }

    @Test
    void everyHostOfAMultiHostUrlGivesWayToTheNode() {
        assertThat(NodeUrls.onNode("jdbc:postgresql://a:5432,b:5433/analytics?targetServerType=primary", "w1", 5434))
                .isEqualTo("jdbc:postgresql://w1:5434/analytics?targetServerType=primary");
    }

    @Test
    void anIpv6NodeIsBracketed() {
        assertThat(NodeUrls.onNode("jdbc:postgresql://[::1]:5432/analytics", "fd00::2", 5432))
                .isEqualTo("jdbc:postgresql://[fd00::2]:5432/analytics");
    }

    @Test
    void aUrlWithoutADatabaseIsRefused() {
        assertThatThrownBy(() -> NodeUrls.onNode("jdbc:postgresql://localhost:5432", "w1", 5432))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql://HOST[:PORT]/DATABASE");
    }
}
