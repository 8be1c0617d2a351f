package org.credanalytics.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.credanalytics.cluster.ClusterDao.RebalanceJob;
import org.credanalytics.cluster.ClusterDao.TenantEvents;
import org.credanalytics.cluster.ClusterDao.TenantQueries;
import org.credanalytics.cluster.ShardSnapshot.Move;
import org.credanalytics.cluster.ShardSnapshot.Node;
import org.credanalytics.cluster.ShardSnapshot.Table;
import org.credanalytics.rollup.UnrolledEvents;
import org.credanalytics.rollup.UnrolledTail;
import org.jdbi.v3.core.Jdbi;

/**
 * The cluster as the shard-balance monitor and the cluster endpoints read it, through {@link ClusterDao}.
 * Methods named {@code citus…} touch Citus-only views and functions; they refuse to run unless the
 * database was found to be a Citus coordinator.
 */
public final class ClusterView {
    private final ClusterDao dao;
    private final boolean citus;
    private final UnrolledTail tail;

    public ClusterView(Jdbi jdbi, boolean citus) {
        this.dao = UnrolledEvents.defineOn(jdbi).onDemand(ClusterDao.class);
        this.citus = citus;
        this.tail = new UnrolledTail(jdbi);
    }

    public boolean citus() {
        return citus;
    }

    List<Table> tables() {
        return citus ? dao.citusTables() : dao.localTables();
    }

    List<Node> citusNodes() {
        requireCitus();
        return dao.citusNodes();
    }

    /** The {@code limit} tenants with the most events. */
    List<TenantEvents> topTenants(int limit) {
        return dao.tenantEvents(limit, tail.current());
    }

    /** Queries per tenant from {@code citus_stat_tenants}; empty when tracking is off (the default). */
    Optional<Map<Long, Long>> citusTenantQueries() {
        requireCitus();
        if ("none".equals(dao.tenantStatsTrack())) {
            return Optional.empty();
        }
        return Optional.of(dao.citusTenantQueries().stream()
                .collect(Collectors.toMap(TenantQueries::institutionId, TenantQueries::queries)));
    }

    /**
     * The {@code limit} institutions with the most CPU in the last complete tenant-statistics period,
     * and the rest summed; empty when tracking is off, since then there is nothing to report.
     */
    Optional<TenantLoad> citusTenantLoad(int limit) {
        requireCitus();
        if ("none".equals(dao.tenantStatsTrack())) {
            return Optional.empty();
        }
        List<TenantLoad.Usage> rows = dao.citusTenantLoad(limit);
        List<TenantLoad.Usage> top = rows.stream().filter(row -> row.institutionId() != null).toList();
        TenantLoad.Usage others = rows.stream().filter(row -> row.institutionId() == null).findFirst()
                .orElseThrow(() -> new IllegalStateException("citusTenantLoad.sql returned no row for the others"));
        return Optional.of(new TenantLoad(dao.tenantStatsPeriod(), top, others));
    }

    List<Move> citusRebalancePlan() {
        requireCitus();
        return dao.rebalancePlan();
    }

    /** Starts {@code citus_rebalance_start()}; empty when the rebalancer found nothing to move. */
    Optional<Long> citusRebalanceStart() {
        requireCitus();
        return dao.rebalanceStart().filter(job -> job != 0);
    }

    Optional<RebalanceJob> citusRebalanceStatus() {
        requireCitus();
        return dao.rebalanceStatus();
    }

    private void requireCitus() {
        if (!citus) {
            throw new IllegalStateException("not a Citus coordinator");
        }
    }
}
