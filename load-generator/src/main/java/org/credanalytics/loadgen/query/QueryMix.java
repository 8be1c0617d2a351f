package org.credanalytics.loadgen.query;

import java.util.List;

/**
 * Which requests a query run draws. The realistic mix weights every endpoint as dashboards use them,
 * with short ranges most often; a benchmark can pin the endpoints, the range and the granularity
 * instead (e.g. "activity by day over a year").
 *
 * @param endpoints   the endpoints to draw from, by their weights
 * @param rangeDays   the length of every range in days, or 0 for the realistic mix of ranges
 * @param granularity the activity granularity, or null for one that suits the range
 */
public record QueryMix(List<Endpoint> endpoints, int rangeDays, String granularity) {
    public static final QueryMix REALISTIC = new QueryMix(List.of(Endpoint.values()), 0, null);

    public QueryMix {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty() || rangeDays < 0) {
            throw new IllegalArgumentException("a query mix needs endpoints and a non-negative range");
        }
        if (granularity != null && !List.of("day", "week", "month").contains(granularity)) {
            throw new IllegalArgumentException("granularity must be day, week or month, was " + granularity);
        }
    }
}
