package org.credanalytics.loadgen.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.credanalytics.query.DashboardEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The load generator's endpoints are the service's dashboard endpoints, all of them and no others. */
@Tag("fast")
class QueryEndpointsTest {
    @Test
    void everyServiceEndpointIsDrawnAndEveryDrawnPathIsAServiceEndpoint() {
        Set<String> drawn = Arrays.stream(Endpoint.values()).map(Endpoint::path)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> described = Arrays.stream(DashboardEndpoint.values()).map(DashboardEndpoint::path)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(drawn).isEqualTo(described);
    }

    @Test
    void pathsNameTheInstitution() {
        assertThat(Endpoint.CREDENTIAL_TYPES.path(7)).isEqualTo("/v1/institutions/7/credential-types");
        assertThat(Endpoint.SUMMARY_COMPARED.path(12)).isEqualTo("/v1/institutions/12/summary");
        assertThat(Endpoint.PLATFORM_GEO.path(7)).isEqualTo("/v1/platform/geo");
    }
}
