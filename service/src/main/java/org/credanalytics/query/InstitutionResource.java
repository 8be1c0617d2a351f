package org.credanalytics.query;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.function.Function;
import org.credanalytics.query.QueryResponses.Activity;
import org.credanalytics.query.QueryResponses.ComparableAnswer;
import org.credanalytics.query.QueryResponses.CredentialTypes;
import org.credanalytics.query.QueryResponses.Funnel;
import org.credanalytics.query.QueryResponses.Geo;
import org.credanalytics.query.QueryResponses.Summary;

/**
 * One institution's dashboard: activity series, geography, credential types, a summary and the
 * engagement funnel; as JSON, or as CSV ({@code Accept: text/csv} or {@code format=csv}); each
 * optionally compared with an earlier range ({@code compare}).
 */
@Path("/v1/institutions/{id}")
@Produces({MediaType.APPLICATION_JSON, CsvAnswers.MEDIA_TYPE_LOW_QUALITY})
public final class InstitutionResource {
    private final DashboardQueries queries;

    public InstitutionResource(DashboardQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/activity")
    @QueryEndpoint(DashboardEndpoint.ACTIVITY)
    public Activity activity(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("granularity") String granularity, @QueryParam("tz") String tz,
                             @QueryParam("compare") String compare) {
        long institutionId = QueryParameters.institutionId(id);
        QueryRange range = QueryParameters.range(from, to, tz);
        Granularity periods = QueryParameters.granularity(granularity, range);
        return compared(QueryParameters.compare(compare), range, r -> queries.activity(institutionId, r, periods));
    }

    @GET
    @Path("/geo")
    @QueryEndpoint(DashboardEndpoint.GEO)
    public Geo geo(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                   @QueryParam("tz") String tz, @QueryParam("compare") String compare) {
        long institutionId = QueryParameters.institutionId(id);
        return compared(QueryParameters.compare(compare), QueryParameters.range(from, to, tz),
                r -> queries.geo(institutionId, r));
    }

    @GET
    @Path("/credential-types")
    @QueryEndpoint(DashboardEndpoint.CREDENTIAL_TYPES)
    public CredentialTypes credentialTypes(@PathParam("id") String id, @QueryParam("from") String from,
                                           @QueryParam("to") String to, @QueryParam("tz") String tz,
                                           @QueryParam("limit") String limit, @QueryParam("compare") String compare) {
        long institutionId = QueryParameters.institutionId(id);
        int top = QueryParameters.limit(limit, 10);
        return compared(QueryParameters.compare(compare), QueryParameters.range(from, to, tz),
                r -> queries.credentialTypes(institutionId, r, top));
    }

    @GET
    @Path("/summary")
    @QueryEndpoint(DashboardEndpoint.SUMMARY)
    public Summary summary(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("tz") String tz, @QueryParam("compare") String compare) {
        long institutionId = QueryParameters.institutionId(id);
        return compared(QueryParameters.compare(compare), QueryParameters.range(from, to, tz),
                r -> queries.summary(institutionId, r));
    }

    @GET
    @Path("/funnel")
    @QueryEndpoint(DashboardEndpoint.FUNNEL)
    public Funnel funnel(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("tz") String tz, @QueryParam("compare") String compare) {
        long institutionId = QueryParameters.institutionId(id);
        return compared(QueryParameters.compare(compare), QueryParameters.range(from, to, tz),
                r -> queries.funnel(institutionId, r));
    }

    /** The answer for {@code range}, with the answer for the earlier range {@code compare} names, if any. */
    private static <T extends ComparableAnswer<T>> T compared(Optional<Compare> compare, QueryRange range,
                                                              Function<QueryRange, T> query) {
        T current = query.apply(range);
        return compare.map(c -> {
            QueryRange earlier = c.earlier(range);
            return c.attach(current, earlier, query.apply(earlier));
        }).orElse(current);
    }
}
