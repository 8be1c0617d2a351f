package org.credanalytics.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TcpProxy;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A key that is not cached cannot be checked while the database is down: that is a 503, never a 401. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthDatabaseDownTest {
    static final TcpProxy PROXY = TcpProxy.forTestDatabase();
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.createWithUrl(
            PROXY.proxiedJdbcUrl(TestDatabase.get().url()),
            ConfigOverride.config("auth.cacheTtl", "0s"),
            ConfigOverride.config("rollup.enabled", "false"));
    static final String PATH = "/v1/institutions/42/summary?from=2026-03-01&to=2026-04-01";

    @AfterEach
    void healDatabase() {
        PROXY.restore();
    }

    @Test
    void keysThatCannotBeCheckedGet503WithRetryAfterAndWorkAgainAfterwards() throws Exception {
        String key = new TestKeyFactory().institution(42, Scope.READ).plaintext();
        PROXY.cutOff();

        Http.Reply unknown = new Http(APP.getLocalPort(), KeyMaterial.generate().plaintext()).get(PATH);
        Http.Reply valid = new Http(APP.getLocalPort(), key).get(PATH);

        assertThat(unknown.status()).isEqualTo(503);
        assertThat(unknown.header("Retry-After")).isEqualTo("1");
        assertThat(unknown.json().get("message").asText()).contains("retry");
        assertThat(valid.status()).isEqualTo(503);

        PROXY.restore();
        Http.Reply recovered = valid;
        for (int attempt = 0; attempt < 30 && recovered.status() != 200; attempt++) {
            Thread.sleep(500);
            recovered = new Http(APP.getLocalPort(), key).get(PATH);
        }
        assertThat(recovered.status()).isEqualTo(200);
    }
}
