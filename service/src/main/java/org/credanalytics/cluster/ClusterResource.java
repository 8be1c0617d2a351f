package org.credanalytics.cluster;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.credanalytics.api.ApiException;
import org.credanalytics.cluster.ClusterDao.RebalanceJob;
import org.jdbi.v3.core.JdbiException;

/**
 * Shard balance as JSON, and the Citus rebalancer. {@code GET /shards} answers the monitor's latest
 * snapshot ({@code ?refresh=true} takes a new one first). The rebalance endpoints exist only on
 * Citus; on plain PostgreSQL they answer 400, since there is nothing to move.
 */
@Path("/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
public final class ClusterResource {
    static final String NOT_CITUS = "shard rebalancing needs a Citus cluster; this database is plain PostgreSQL"
            + " (no citus extension), which keeps all data on one node";

    private final ShardBalanceMonitor monitor;
    private final ClusterView cluster;

    public ClusterResource(ShardBalanceMonitor monitor, ClusterView cluster) {
        this.monitor = monitor;
        this.cluster = cluster;
    }

    /** The answer to {@code POST /rebalance}: the job started, or none when nothing needed to move. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RebalanceStarted(Long jobId, String message) {
    }

    /** The answer to {@code GET /rebalance}: the latest rebalance job, or null when there never was one. */
    public record RebalanceStatus(Job job) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Job(long jobId, String state, String jobType, String description, OffsetDateTime startedAt,
                      OffsetDateTime finishedAt, @JsonRawValue String details) {
        static Job of(RebalanceJob row) {
            return new Job(row.jobId(), row.state(), row.jobType(), row.description(), row.startedAt(),
                    row.finishedAt(), row.details());
        }
    }

    @GET
    @Path("/shards")
    public ShardSnapshot shards(@QueryParam("refresh") boolean refresh) {
        if (!refresh) {
            var latest = monitor.latest();
            if (latest.isPresent()) {
                return latest.get();
            }
        }
        return database(monitor::refresh);
    }

    @POST
    @Path("/rebalance")
    public Response startRebalance() {
        requireCitus();
        try {
            return cluster.citusRebalanceStart()
                    .map(job -> Response.accepted(new RebalanceStarted(job,
                            "rebalance job started; follow it with GET /v1/cluster/rebalance")).build())
                    .orElseGet(() -> Response.ok(new RebalanceStarted(null,
                            "the shards are balanced; nothing to move")).build());
        } catch (JdbiException e) {
            // e.g. a rebalance is already running, or there are no workers to move shards to
            throw new ApiException(409, "the rebalance could not start: " + rootMessage(e), List.of(), null);
        }
    }

    @GET
    @Path("/rebalance")
    public RebalanceStatus rebalanceStatus() {
        requireCitus();
        return database(() -> new RebalanceStatus(cluster.citusRebalanceStatus().map(Job::of).orElse(null)));
    }

    private void requireCitus() {
        if (!cluster.citus()) {
            throw ApiException.badRequest(NOT_CITUS, List.of());
        }
    }

    private static <T> T database(Supplier<T> call) {
        try {
            return call.get();
        } catch (JdbiException e) {
            throw new ApiException(503, "the database is unavailable; try again", List.of(), Duration.ofSeconds(5));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
