package org.credanalytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The page shell, its assets and the headers that govern framing and loading, through the real server. */
@Tag("engine-independent")
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardPageTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("dashboard.frameAncestors", "'self',https://portal.example.edu"),
            ConfigOverride.config("dashboard.refreshInterval", "7s"));

    private Http anonymous;

    @BeforeEach
    void connect() {
        anonymous = new Http(APP.getLocalPort(), null);
    }

    @Test
    void thePageIsAShellWithNoDataAndNoSecrets() {
        Http.Reply page = anonymous.get("/dashboard/42");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("data-institution-id=\"42\"").contains("data-refresh-seconds=\"7\"")
                .contains("/webjars/echarts/5.3.1/dist/echarts.min.js")
                .doesNotContain("{{").doesNotContain(TestKeys.ADMIN).doesNotContain("Bearer ");
    }

    @Test
    void thePageMayBeFramedOnlyByTheConfiguredSitesAndLoadsOnlyFromItsOrigin() {
        Http.Reply page = anonymous.get("/dashboard/42");

        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("frame-ancestors 'self' https://portal.example.edu")
                .contains("default-src 'none'").contains("script-src 'self';").contains("connect-src 'self'")
                .doesNotContain("unsafe-eval");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void apiAnswersMayNeitherBeFramedNorLoadAnything() {
        Http.Reply answer = new Http(APP.getLocalPort()).get("/v1/institutions/42/summary?from=2026-03-01&to=2026-04-01");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theChartLibraryAndThePageAssetsAreServedFromTheService() {
        Http.Reply echarts = anonymous.get("/webjars/echarts/5.3.1/dist/echarts.min.js");
        Http.Reply styles = anonymous.get("/dashboard/assets/dashboard.css");

        assertThat(echarts.status()).isEqualTo(200);
        assertThat(echarts.header("Content-Type")).contains("javascript");
        assertThat(styles.status()).isEqualTo(200);
        assertThat(styles.header("Content-Type")).startsWith("text/css");
    }

    @ParameterizedTest
    @ValueSource(strings = {"main.js", "api.js", "charts.js", "dates.js", "dom.js", "format.js", "render.js"})
    void everyScriptModuleIsServedAsJavaScript(String module) {
        Http.Reply script = anonymous.get("/dashboard/assets/" + module);

        // browsers run a module only with a JavaScript MIME type, and nosniff forbids guessing one
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(script.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(script.header("Content-Security-Policy")).contains("script-src 'self';");
    }

    @Test
    void thePageLoadsItsScriptAsAModuleAfterTheChartLibrary() {
        String page = anonymous.get("/dashboard/42").body();

        assertThat(page).contains("<script type=\"module\" src=\"/dashboard/assets/main.js\"></script>");
        assertThat(page.indexOf("echarts.min.js")).isLessThan(page.indexOf("main.js"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1234567890123456789012"})
    void anIdThatIsNotAnInstitutionIsA404(String id) {
        assertThat(anonymous.get("/dashboard/" + id).status()).isEqualTo(404);
    }

    @Test
    void frameAncestorsMustBeCspSources() {
        Validator validator = Validators.newValidator();
        for (String good : List.of("'self'", "'none'", "https://portal.example.edu", "https://*.example.edu:8443", "https:")) {
            assertThat(violations(validator, good)).as(good).isEmpty();
        }
        for (String bad : List.of("'self'; script-src *", "https://a.example https://b.example", "", "'unsafe-inline'")) {
            assertThat(violations(validator, bad)).as(bad).isNotEmpty();
        }
    }

    private static Set<ConstraintViolation<DashboardConfiguration>> violations(Validator validator, String source) {
        DashboardConfiguration config = new DashboardConfiguration();
        config.setFrameAncestors(List.of(source));
        return validator.validate(config);
    }
}
