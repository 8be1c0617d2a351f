package org.credanalytics.loadgen.query;

/**
 * The dashboard endpoints and how often a dashboard user hits each: the per-institution views
 * dominate, the platform-wide ones are for a few operators.
 */
public enum Endpoint {
    ACTIVITY("activity", 30),
    SUMMARY("summary", 25),
    GEO("geo", 15),
    CREDENTIAL_TYPES("credential-types", 15),
    PLATFORM_INSTITUTIONS("platform-institutions", 10),
    PLATFORM_GEO("platform-geo", 5);

    private final String reportName;
    private final double weight;

    Endpoint(String reportName, double weight) {
        this.reportName = reportName;
        this.weight = weight;
    }

    /** The key of this endpoint in the report. */
    public String reportName() {
        return reportName;
    }

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
        throw new IllegalArgumentException("unknown endpoint '" + name + "'");
    }

    public boolean perInstitution() {
        return this != PLATFORM_INSTITUTIONS && this != PLATFORM_GEO;
    }
}
