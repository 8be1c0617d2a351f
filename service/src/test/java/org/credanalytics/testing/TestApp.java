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
        return new DropwizardAppExtension<>(AnalyticsApplication.class, configFile(), all.toArray(ConfigOverride[]::new));
    }

    /** The test configuration as a file, also when it is read from this module's test jar. */
    private static String configFile() {
        java.net.URL url = TestApp.class.getClassLoader().getResource("test-config.yml");
        if (url != null && "file".equals(url.getProtocol())) {
            return ResourceHelpers.resourceFilePath("test-config.yml");
        }
        try (java.io.InputStream in = url.openStream()) {
            java.nio.file.Path copy = java.nio.file.Files.createTempFile("test-config", ".yml");
            java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
            return copy.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
