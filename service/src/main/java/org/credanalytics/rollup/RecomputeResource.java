package org.credanalytics.rollup;

import java.time.LocalDate;
import java.time.ZoneOffset;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.credanalytics.api.ApiException;
import org.credanalytics.query.QueryParameters;
import org.credanalytics.query.QueryRange;

/**
 * {@code POST /v1/admin/recompute?institution_id=&from=&to=} (admin keys only, as every path the
 * access policy doesn't grant to institution keys): rebuilds that institution's rollups for the UTC
 * days [from, to) from the raw events still retained. A range that reaches back before the oldest
 * retained raw event is refused with a 400 naming {@code from}: rollups of expired days can't be
 * rebuilt, and are kept as they are.
 */
@Path("/v1/admin/recompute")
@Produces(MediaType.APPLICATION_JSON)
public final class RecomputeResource {
    private final Recompute recompute;

    public RecomputeResource(Recompute recompute) {
        this.recompute = recompute;
    }

    /** The answer: what was rebuilt, and up to which event id the rebuilt rollups count. */
    public record Recomputed(@JsonProperty("institution_id") long institutionId, LocalDate from, LocalDate to,
                             @JsonProperty("up_to_event_id") long progress,
                             @JsonProperty("rows_written") long rowsWritten) {
    }

    @POST
    public Recomputed recompute(@QueryParam("institution_id") String institutionId, @QueryParam("from") String from,
                                @QueryParam("to") String to) {
        long institution = QueryParameters.positiveId("institution_id", institutionId);
        QueryRange range = QueryParameters.range(from, to, ZoneOffset.UTC.getId());
        try {
            Recompute.Result result = recompute.run(institution, range.from(), range.to());
            return new Recomputed(result.institutionId(), result.from(), result.to(), result.progress(),
                    result.rowsWritten());
        } catch (Recompute.RangeExpired e) {
            throw ApiException.badParameter("from", "raw events before " + e.retainedSince().toLocalDate()
                    + " (UTC) have expired (retention.rawEvents), so rollups before then can't be recomputed;"
                    + " 'from' must be on or after that day");
        }
    }
}
