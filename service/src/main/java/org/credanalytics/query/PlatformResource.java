package org.credanalytics.query;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.credanalytics.api.ApiException;
import org.credanalytics.query.QueryResponses.Leaderboard;
import org.credanalytics.query.QueryResponses.PlatformGeo;

/**
 * Cross-institution views. They read UTC-day rollups across every shard, so their dates are
 * UTC dates; any other {@code tz} is refused rather than answered approximately.
 */
@Path("/v1/platform")
@Produces({MediaType.APPLICATION_JSON, CsvAnswers.MEDIA_TYPE_LOW_QUALITY})
public final class PlatformResource {
    private final DashboardQueries queries;

    public PlatformResource(DashboardQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/institutions")
    @QueryEndpoint(DashboardEndpoint.PLATFORM_INSTITUTIONS)
    public Leaderboard institutions(@QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("tz") String tz, @QueryParam("limit") String limit) {
        return queries.leaderboard(utcRange(from, to, tz), QueryParameters.limit(limit, 20));
    }

    @GET
    @Path("/geo")
    @QueryEndpoint(DashboardEndpoint.PLATFORM_GEO)
    public PlatformGeo geo(@QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("tz") String tz, @QueryParam("limit") String limit) {
        return queries.platformGeo(utcRange(from, to, tz), QueryParameters.limit(limit, 100));
    }

    private static QueryRange utcRange(String from, String to, String tz) {
        if (tz != null && !tz.isEmpty() && !"UTC".equals(tz)) {
            throw ApiException.badParameter("tz", "platform views are in UTC days; omit tz or pass UTC");
        }
        return QueryParameters.range(from, to, "UTC");
    }
}
