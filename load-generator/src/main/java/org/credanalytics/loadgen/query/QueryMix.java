package org.credanalytics.loadgen.query;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which requests a query run draws. The realistic mix weights every endpoint as dashboards use them,
 * with short ranges most often; a benchmark can pin the endpoints, the range, the granularity and
 * the answer format instead (e.g. "activity by day over a year, as CSV").
 *
 * @param endpoints   the endpoints to draw from, by their weights (see {@link #weights()})
 * @param rangeDays   the length of every range in days, or 0 for the realistic mix of ranges
 * @param granularity the activity granularity, or null for one that suits the range
 * @param format      the answer format every request asks for
 */
public record QueryMix(List<Endpoint> endpoints, int rangeDays, String granularity, ResponseFormat format) {
    /** Every endpoint with a positive weight, realistic ranges, JSON. */
    public static final QueryMix REALISTIC = new QueryMix(
            Arrays.stream(Endpoint.values()).filter(e -> e.weight() > 0).toList(), 0, null);

    public QueryMix {
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(format, "format");
        if (endpoints.isEmpty() || rangeDays < 0) {
            throw new IllegalArgumentException("a query mix needs endpoints and a non-negative range");
        }
        if (granularity != null && !List.of("day", "week", "month").contains(granularity)) {
            throw new IllegalArgumentException("granularity must be day, week or month, was " + granularity);
        }
    }

    /** JSON answers. */
    public QueryMix(List<Endpoint> endpoints, int rangeDays, String granularity) {
        this(endpoints, rangeDays, granularity, ResponseFormat.JSON);
    }

    /**
     * The weight each endpoint is drawn with, in the order of {@link #endpoints()}: its own, except
     * that an endpoint kept out of the realistic mix (weight 0) that a benchmark chose is drawn as
     * often as the average of the chosen ones that have a weight, so that choosing it alongside
     * others compares them on similar numbers of requests (equal weights if none has one).
     */
    public double[] weights() {
        double average = endpoints.stream().mapToDouble(Endpoint::weight).filter(w -> w > 0).average().orElse(1);
        return endpoints.stream().mapToDouble(e -> e.weight() > 0 ? e.weight() : average).toArray();
    }
}
