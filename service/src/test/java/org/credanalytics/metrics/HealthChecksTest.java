package org.credanalytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin port's /healthcheck covers what an operator acts on, not only the database. */
@ExtendWith(DropwizardExtensionsSupport.class)
class HealthChecksTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create();

    @Test
    void reportsRollupLagWriterQueueShardMonitorAndStandbysBesidesTheDatabase() {
        Http.Reply reply = new Http(APP.getAdminPort()).get("/healthcheck");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode checks = reply.json();
        for (String name : new String[] {"postgresql", "postgresql-queries", "rollup-lag", "writer-queue", "shard-monitor", "database-standbys"}) {
            assertThat(checks.has(name)).as(reply.body()).isTrue();
            assertThat(checks.get(name).get("healthy").asBoolean()).as(reply.body()).isTrue();
        }
    }
}
