package org.credanalytics.query;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.credanalytics.query.QueryResponses.Activity;
import org.credanalytics.query.QueryResponses.CredentialTypes;
import org.credanalytics.query.QueryResponses.Geo;
import org.credanalytics.query.QueryResponses.Summary;

/** One institution's dashboard: activity series, geography, credential types and a summary. */
@Path("/v1/institutions/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class InstitutionResource {
    private final DashboardQueries queries;

    public InstitutionResource(DashboardQueries queries) {
        this.queries = queries;
    }


    @GET
    @Path("/activity")
    @QueryEndpoint("activity")
    public Activity activity(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("granularity") String granularity, @QueryParam("tz") String tz) {
        long institutionId = QueryParameters.institutionId(id);
        QueryRange range = QueryParameters.range(from, to, tz);
        return queries.activity(institutionId, range, QueryParameters.granularity(granularity, range));
    }

    @GET
    @Path("/geo")
    @QueryEndpoint("geo")
    public Geo geo(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                   @QueryParam("tz") String tz) {
        return queries.geo(QueryParameters.institutionId(id), QueryParameters.range(from, to, tz));
    }

    @GET
    @Path("/credential-types")
    @QueryEndpoint("credential_types")
    public CredentialTypes credentialTypes(@PathParam("id") String id, @QueryParam("from") String from,
                                           @QueryParam("to") String to, @QueryParam("tz") String tz,
                                           @QueryParam("limit") String limit) {
        return queries.credentialTypes(QueryParameters.institutionId(id), QueryParameters.range(from, to, tz),
                QueryParameters.limit(limit, 10));
    }

    @GET
    @Path("/summary")
    @QueryEndpoint("summary")
    public Summary summary(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("tz") String tz) {
        return queries.summary(QueryParameters.institutionId(id), QueryParameters.range(from, to, tz));
    }
}
