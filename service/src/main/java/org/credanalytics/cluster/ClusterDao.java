package org.credanalytics.cluster;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.credanalytics.cluster.ShardSnapshot.Move;
import org.credanalytics.cluster.ShardSnapshot.Node;
import org.credanalytics.cluster.ShardSnapshot.Table;
import org.credanalytics.db.SqlFiles;
import org.credanalytics.rollup.UnrolledTail;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.QueryTimeOut;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Placement, size and tenant statistics and the rebalancer, one statement per method (SQL under
 * {@code org/credanalytics/cluster/ClusterDao/}). Methods named {@code citus…} and {@code rebalance…}
 * touch Citus-only views and functions; {@link ClusterView} calls them only on a Citus coordinator.
 */
@SqlFiles
@RegisterConstructorMapper(Node.class)
@RegisterConstructorMapper(Table.class)
@RegisterConstructorMapper(Move.class)
@RegisterConstructorMapper(ClusterDao.TenantEvents.class)
@RegisterConstructorMapper(ClusterDao.TenantQueries.class)
@RegisterConstructorMapper(ClusterDao.RebalanceJob.class)
@RegisterConstructorMapper(TenantLoad.Usage.class)
interface ClusterDao {
    /** A tenant's events, all time, and all tenants' events, counted in the same snapshot. */
    record TenantEvents(long institutionId, long events, long allTenantsEvents) {
    }

    /** The latest rebalance job, as {@code citus_rebalance_status()} reports it. */
    record RebalanceJob(long jobId, String state, String jobType, String description, OffsetDateTime startedAt,
                        OffsetDateTime finishedAt, String details) {
    }

    record TenantQueries(long institutionId, long queries) {
    }

    @SqlQuery
    List<Table> localTables();

    @SqlQuery
    List<Table> citusTables();

    @SqlQuery
    List<Node> citusNodes();

    /** The {@code limit} tenants with the most events; {@code tail} is an {@code UnrolledTail} value. */
    @SqlQuery
    List<TenantEvents> tenantEvents(@Bind("limit") int limit, @BindMethods("tail") UnrolledTail.Bounds tail);

    /** {@code citus.stat_tenants_track}, or {@code none} when the setting does not exist. */
    @SqlQuery
    String tenantStatsTrack();

    @SqlQuery
    List<TenantQueries> citusTenantQueries();

    /**
     * Queries and CPU of the last complete period: the {@code limit} institutions with the most CPU,
     * ranked, then one row with a null institution for all the others.
     */
    @SqlQuery
    List<TenantLoad.Usage> citusTenantLoad(@Bind("limit") int limit);

    /** {@code citus.stat_tenants_period}: the length of a tenant-statistics period, in seconds. */
    @SqlQuery
    int tenantStatsPeriod();

    // The planner waits for the rebalancer's locks; a monitor tick must not hang behind a long move.
    @SqlQuery
    @QueryTimeOut(10)
    List<Move> rebalancePlan();

    /** The new job's id; empty (or 0) when there is nothing to move. */
    @SqlQuery
    Optional<Long> rebalanceStart();

    @SqlQuery
    Optional<RebalanceJob> rebalanceStatus();
}
