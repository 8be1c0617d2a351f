package org.credanalytics.loadgen.query;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The dashboard endpoints and how often a dashboard user hits each: the per-institution views
 * dominate, the platform-wide ones are for a few operators. A weight of 0 keeps an endpoint out of
 * the realistic mix; a benchmark draws it only when it names it ({@code --endpoints}). The paths
 * are the service's ({@code DashboardEndpoint}); this module does not depend on the service, and
 * {@code QueryEndpointsTest} checks that the two lists agree.
 */
public enum Endpoint {
    ACTIVITY("activity", "/v1/institutions/{id}/activity", 30),
    SUMMARY("summary", "/v1/institutions/{id}/summary", 25),
    /** The summary with {@code compare=previous_period}: two range queries per request. */
    SUMMARY_COMPARED("summary-compared", "/v1/institutions/{id}/summary", 0),
    GEO("geo", "/v1/institutions/{id}/geo", 15),
    CREDENTIAL_TYPES("credential-types", "/v1/institutions/{id}/credential-types", 15),
    FUNNEL("funnel", "/v1/institutions/{id}/funnel", 10),
    PLATFORM_INSTITUTIONS("platform-institutions", "/v1/platform/institutions", 10),
    PLATFORM_GEO("platform-geo", "/v1/platform/geo", 5);

    private static final String INSTITUTION = "{id}";

    private final String reportName;
    private final String path;
    private final double weight;

    Endpoint(String reportName, String path, double weight) {
        this.reportName = reportName;
        this.path = path;
        this.weight = weight;
    }

    /** The key of this endpoint in the report, and its name for {@code --endpoints}. */
    public String reportName() {
        return reportName;
    }

    /** The path template, as the service describes it, e.g. {@code /v1/institutions/{id}/geo}. */
    public String path() {
        return path;
    }

    /** The path for one institution (platform paths have none). */
    public String path(long institution) {
        return path.replace(INSTITUTION, Long.toString(institution));
    }

    /** The endpoint's share of the realistic mix, relative to the others; 0 when it is not in it. */
    public double weight() {
        return weight;
    }

    /** The endpoint of a report name, e.g. {@code credential-types}. */
    public static Endpoint byReportName(String name) {
        for (Endpoint endpoint : values()) {
            if (endpoint.reportName.equals(name)) {
                return endpoint;
            }
        }
        throw new IllegalArgumentException("unknown endpoint '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Endpoint::reportName).collect(Collectors.joining(", ")));
    }

    public boolean perInstitution() {
        return path.contains(INSTITUTION);
    }
}
