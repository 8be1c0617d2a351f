package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.credanalytics.query.QueryResponses.Geo;
import org.credanalytics.query.QueryResponses.Leaderboard;
import org.credanalytics.query.QueryResponses.PlatformGeo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DashboardEndpointTest {
    @Test
    void metricNamesAreTheOnesDashboardsAndAlertsQuery() {
        assertThat(Arrays.stream(DashboardEndpoint.values()).map(DashboardEndpoint::metricName)).containsExactly(
                "activity", "geo", "credential_types", "summary", "funnel", "platform_institutions", "platform_geo");
    }

    @Test
    void embedTokensReadTheFiveInstitutionEndpointsOnly() {
        assertThat(Arrays.stream(DashboardEndpoint.values()).filter(DashboardEndpoint::embeddable)
                .map(DashboardEndpoint::path)).containsExactly("/v1/institutions/{id}/activity", "/v1/institutions/{id}/geo",
                        "/v1/institutions/{id}/credential-types", "/v1/institutions/{id}/summary",
                        "/v1/institutions/{id}/funnel");
    }

    @Test
    void findsTheEndpointAtAPath() {
        assertThat(DashboardEndpoint.at("v1/institutions/42/credential-types"))
                .contains(DashboardEndpoint.CREDENTIAL_TYPES);
        assertThat(DashboardEndpoint.at("/v1/platform/geo")).contains(DashboardEndpoint.PLATFORM_GEO);
        assertThat(DashboardEndpoint.at(List.of("v1", "institutions", "7", "geo"))).contains(DashboardEndpoint.GEO);
        for (String other : List.of("v1/institutions/42/embed-tokens", "v1/institutions//geo", "v1/platform/geo/",
                "v1/institutions/42/geo/x", "v1/institutions/42", "v2/platform/geo", "")) {
            assertThat(DashboardEndpoint.at(other)).as(other).isEmpty();
        }
    }

    @Test
    void eachAnswerTypeBelongsToOneEndpoint() {
        assertThat(DashboardEndpoint.answering(Geo.class)).contains(DashboardEndpoint.GEO);
        assertThat(DashboardEndpoint.answering(PlatformGeo.class)).contains(DashboardEndpoint.PLATFORM_GEO);
        assertThat(DashboardEndpoint.answering(Leaderboard.class)).contains(DashboardEndpoint.PLATFORM_INSTITUTIONS);
        assertThat(DashboardEndpoint.answering(String.class)).isEmpty();
        assertThat(Arrays.stream(DashboardEndpoint.values()).map(DashboardEndpoint::answerType))
                .doesNotHaveDuplicates();
    }

    /** Routing stays with JAX-RS: one method per endpoint, at its path, returning its answer type. */
    @Test
    void eachEndpointIsOneResourceMethodAtItsPathReturningItsAnswer() {
        Map<DashboardEndpoint, Method> methods = new EnumMap<>(DashboardEndpoint.class);
        Stream.of(InstitutionResource.class, PlatformResource.class)
                .flatMap(resource -> Arrays.stream(resource.getMethods()))
                .filter(method -> method.isAnnotationPresent(QueryEndpoint.class))
                .forEach(method -> assertThat(methods.put(method.getAnnotation(QueryEndpoint.class).value(), method))
                        .as("a second method for " + method.getAnnotation(QueryEndpoint.class).value()).isNull());

        assertThat(methods).containsOnlyKeys(DashboardEndpoint.values());
        methods.forEach((endpoint, method) -> {
            String path = method.getDeclaringClass().getAnnotation(Path.class).value()
                    + Optional.ofNullable(method.getAnnotation(Path.class)).map(Path::value).orElse("");
            assertThat(path).as(method.toString()).isEqualTo(endpoint.path());
            assertThat(method.getReturnType()).as(method.toString()).isEqualTo(endpoint.answerType());
        });
    }
}
