package org.credanalytics.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.Optional;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The bootstrap admin key: stored once however often the service starts, and refused when too short. */
class BootstrapAdminKeyTest {
    private final TestDatabase db = TestDatabase.get();
    private final ApiKeyDao keys = db.jdbi().onDemand(ApiKeyDao.class);

    private static String newBootstrapKey() {
        return "bootstrap-" + KeyMaterial.generate().plaintext();
    }

    @Test
    void ensuringTwiceStoresOneAdminKey() {
        String key = newBootstrapKey();

        ApiKey first = BootstrapAdminKey.ensure(keys, key).orElseThrow();
        ApiKey second = BootstrapAdminKey.ensure(keys, key).orElseThrow();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(first.isAdmin()).isTrue();
        assertThat(first.prefix()).isEqualTo(KeyMaterial.bootstrapPrefix(key));
        assertThat(db.count("SELECT count(*) FROM api_keys WHERE key_hash = sha256(convert_to(?, 'UTF8'))", key)).isEqualTo(1);
    }

    @Test
    void aRevokedBootstrapKeyStaysRevoked() {
        String key = newBootstrapKey();
        ApiKey stored = BootstrapAdminKey.ensure(keys, key).orElseThrow();
        keys.revoke(stored.id());

        ApiKey again = BootstrapAdminKey.ensure(keys, key).orElseThrow();

        assertThat(again.revokedAt()).isNotNull();
        assertThat(keys.findActive(KeyMaterial.hash(key))).isEmpty();
    }

    @Test
    void noBootstrapKeyConfiguredStoresNothing() {
        long before = db.count("SELECT count(*) FROM api_keys");

        assertThat(BootstrapAdminKey.ensure(keys, "")).isEqualTo(Optional.empty());
        assertThat(db.count("SELECT count(*) FROM api_keys")).isEqualTo(before);
    }

    @Test
    void keysShorterThan32CharactersOrWithSpacesAreRefused() {
        assertThatThrownBy(() -> BootstrapAdminKey.ensure(keys, "x".repeat(31)))
                .hasMessageContaining("ANALYTICS_BOOTSTRAP_ADMIN_KEY").hasMessageContaining("32");
        assertThatThrownBy(() -> BootstrapAdminKey.ensure(keys, "a key with spaces that is long enough"))
                .hasMessageContaining("without spaces");
    }

    @Test
    void theServiceStartsTwiceWithTheSameBootstrapKeyAndItIsAnAdminKey() throws Exception {
        String key = newBootstrapKey();
        for (int start = 0; start < 2; start++) {
            DropwizardAppExtension<AnalyticsConfiguration> app = TestApp.create(
                    ConfigOverride.config("auth.bootstrapAdminKey", key), ConfigOverride.config("rollup.enabled", "false"));
            app.before();
            try {
                assertThat(new Http(app.getLocalPort(), key).get("/v1/platform/geo?from=2026-03-01&to=2026-04-01").status())
                        .isEqualTo(200);
            } finally {
                app.after();
            }
        }
        assertThat(db.count("SELECT count(*) FROM api_keys WHERE key_hash = sha256(convert_to(?, 'UTF8'))", key)).isEqualTo(1);
    }

    @Test
    void theServiceRefusesToStartWithAShortBootstrapKey() {
        DropwizardAppExtension<AnalyticsConfiguration> app = TestApp.create(
                ConfigOverride.config("auth.bootstrapAdminKey", "too-short"), ConfigOverride.config("rollup.enabled", "false"));
        try {
            assertThatThrownBy(app::before).hasStackTraceContaining("ANALYTICS_BOOTSTRAP_ADMIN_KEY");
        } finally {
            app.after();
        }
    }
}
