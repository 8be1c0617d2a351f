package org.credanalytics.loadgen.query;

/** One planned dashboard request: which endpoint, and its path with query string. */
public record DashboardRequest(Endpoint endpoint, String pathAndQuery) {
}
