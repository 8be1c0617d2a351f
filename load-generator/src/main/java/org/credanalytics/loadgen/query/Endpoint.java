package org.credanalytics.loadgen.query;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The dashboard endpoints and how often a dashboard user hits each: the per-institution views
 * dominate, the platform-wide ones are for a few operators. A weight of 0 keeps an endpoint out of
 * the realistic mix; a benchmark draws it only when it names it ({@code --endpoints}).
 */
public enum Endpoint {
    ACTIVITY("activity", 30),
    SUMMARY("summary", 25),
    /** The summary with {@code compare=previous_period}: two range queries per request. */
    SUMMARY_COMPARED("summary-compared", 0),
    GEO("geo", 15),
    CREDENTIAL_TYPES("credential-types", 15),
    FUNNEL("funnel", 10),
    PLATFORM_INSTITUTIONS("platform-institutions", 10),
    PLATFORM_GEO("platform-geo", 5);

    private final String reportName;
    private final double weight;

    Endpoint(String reportName, double weight) {
        this.reportName = reportName;
        this.weight = weight;
    }

    /** The key of this endpoint in the report, and its name for {@code --endpoints}. */
    public String reportName() {
        return reportName;
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
        return this != PLATFORM_INSTITUTIONS && this != PLATFORM_GEO;
    }
}
