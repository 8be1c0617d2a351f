package org.credanalytics.cluster;

import java.util.List;

/**
 * Per-institution load from Citus's {@code citus_stat_tenants}, for one complete period of
 * {@code periodSeconds}: the institutions that used the most CPU, most first, and the sum of all
 * the others. {@code top} never holds more than the limit it was read with, so with {@code others}
 * the load is always at most limit + 1 rows, however many institutions there are.
 */
public record TenantLoad(long periodSeconds, List<Usage> top, Usage others) {
    /** Queries and CPU seconds (on the nodes that ran them) of an institution, or of all others when {@code institutionId} is null. */
    public record Usage(Long institutionId, long queries, double cpuSeconds) {
    }
}
