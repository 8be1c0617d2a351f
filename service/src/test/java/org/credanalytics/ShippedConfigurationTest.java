package org.credanalytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import org.credanalytics.audit.AuditLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What service/config.yml, as shipped and with no variables set, turns on. */
@Tag("fast")
class ShippedConfigurationTest {
    private static AnalyticsConfiguration shipped;

    @BeforeAll
    static void read() throws Exception {
        shipped = new YamlConfigurationFactory<>(AnalyticsConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw")
                .build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                        new EnvironmentVariableSubstitutor(false)), "config.yml"); // Surefire runs in service/
    }

    @Test
    void theRequestLogIsOn() {
        LogbackAccessRequestLogFactory requestLog = (LogbackAccessRequestLogFactory)
                ((DefaultServerFactory) shipped.getServerFactory()).getRequestLogFactory();

        assertThat(requestLog.getAppenders()).isNotEmpty();
    }

    @Test
    void theAuditLogIsKeptAtInfo() {
        DefaultLoggingFactory logging = (DefaultLoggingFactory) shipped.getLoggingFactory();

        assertThat(logging.getLoggers().get(AuditLog.LOGGER).asText()).isEqualTo("INFO");
    }
}
