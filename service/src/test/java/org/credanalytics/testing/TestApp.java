package org.credanalytics.testing;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;
import org.credanalytics.AnalyticsApplication;
import org.credanalytics.AnalyticsConfiguration;

/** Builds the full application for HTTP tests, on the test database (optionally through a proxy). */
public final class TestApp {
    private TestApp() {
    }

    public static DropwizardAppExtension<AnalyticsConfiguration> create(ConfigOverride... overrides) {
        return createWithUrl(TestDatabase.get().url(), overrides);
    }

    public static DropwizardAppExtension<AnalyticsConfiguration> createWithUrl(String url, ConfigOverride... overrides) {
        TestDatabase db = TestDatabase.get();
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("database.url", url),
                ConfigOverride.config("database.user", db.user()),
                ConfigOverride.config("database.password", db.password())));
        all.addAll(List.of(overrides));
        return new DropwizardAppExtension<>(AnalyticsApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
                all.toArray(ConfigOverride[]::new));
    }
}
