package org.credanalytics.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.credanalytics.cluster.ShardSnapshot.Move;
import org.credanalytics.cluster.ShardSnapshot.Node;
import org.credanalytics.cluster.ShardSnapshot.Table;
import org.credanalytics.rollup.ProgressHint;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Reads placement, size and tenant statistics (SQL under {@code org/credanalytics/cluster/ClusterDao/}).
 * Methods named {@code citus…} and the rebalancer calls touch Citus-only views and functions;
 * they refuse to run unless the database was found to be a Citus coordinator.
 */
public final class ClusterDao {
    /** A tenant's events, all time, and all tenants' events, counted in the same snapshot. */
    public record TenantEvents(long institutionId, long events, long allTenantsEvents) {
    }

    /** The latest rebalance job, as {@code citus_rebalance_status()} reports it. */
    public record RebalanceJob(long jobId, String state, String jobType, String description,
                               java.time.OffsetDateTime startedAt, java.time.OffsetDateTime finishedAt,
                               String details) {
    }

    public record TenantQueries(long institutionId, long queries) {
    }

    private final Jdbi jdbi;
    private final boolean citus;
    private final ClasspathSqlLocator locator = ClasspathSqlLocator.create();
    private final ProgressHint progressHint;

    public ClusterDao(Jdbi jdbi, boolean citus) {
        this.jdbi = jdbi;
        this.citus = citus;
        this.progressHint = new ProgressHint(jdbi);
        for (Class<?> row : List.of(Node.class, Table.class, Move.class, TenantEvents.class, TenantQueries.class,
                RebalanceJob.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(row));
        }
    }

    public boolean citus() {
        return citus;
    }

    List<Table> tables() {
        return jdbi.withHandle(h -> h.createQuery(sql(citus ? "citusTables" : "localTables")).mapTo(Table.class).list());
    }

    List<Node> citusNodes() {
        requireCitus();
        return jdbi.withHandle(h -> h.createQuery(sql("citusNodes")).mapTo(Node.class).list());
    }

    /** The {@code limit} tenants with the most events. */
    List<TenantEvents> topTenants(int limit) {
        return jdbi.withHandle(h -> h.createQuery(sql("tenantEvents"))
                .bind("limit", limit)
                .bind("progress_hint", progressHint.current())
                .mapTo(TenantEvents.class).list());
    }

    /** Queries per tenant from {@code citus_stat_tenants}; empty when tracking is off (the default). */
    Optional<Map<Long, Long>> citusTenantQueries() {
        requireCitus();
        return jdbi.withHandle(h -> {
            String track = h.createQuery(sql("tenantStatsTrack")).mapTo(String.class).one();
            if ("none".equals(track)) {
                return Optional.empty();
            }
            return Optional.of(h.createQuery(sql("citusTenantQueries")).mapTo(TenantQueries.class).stream()
                    .collect(Collectors.toMap(TenantQueries::institutionId, TenantQueries::queries)));
        });
    }

    List<Move> citusRebalancePlan() {
        requireCitus();
        // The planner waits for the rebalancer's locks; a monitor tick must not hang behind a long move.
        return jdbi.inTransaction(h -> {
            h.execute("SET LOCAL statement_timeout = '10s'");
            return h.createQuery(sql("rebalancePlan")).mapTo(Move.class).list();
        });
    }

    /** Starts {@code citus_rebalance_start()}; empty when the rebalancer found nothing to move. */
    Optional<Long> citusRebalanceStart() {
        requireCitus();
        return jdbi.withHandle(h -> h.createQuery(sql("rebalanceStart")).mapTo(Long.class).findOne())
                .filter(job -> job != 0);
    }

    Optional<RebalanceJob> citusRebalanceStatus() {
        requireCitus();
        return jdbi.withHandle(h -> h.createQuery(sql("rebalanceStatus")).mapTo(RebalanceJob.class).findFirst());
    }

    private void requireCitus() {
        if (!citus) {
            throw new IllegalStateException("not a Citus coordinator");
        }
    }

    private String sql(String name) {
        return locator.locate(ClusterDao.class, name);
    }
}
