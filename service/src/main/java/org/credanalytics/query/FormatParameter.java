package org.credanalytics.query;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.credanalytics.api.ApiException;

/**
 * {@code format=csv} or {@code format=json} on a dashboard query stands for the {@code Accept}
 * header, for links and tools that can't set headers; any other value is a 400.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class FormatParameter implements ContainerRequestFilter {
    static final String NAME = "format";

    @Override
    public void filter(ContainerRequestContext request) {
        String format = request.getUriInfo().getQueryParameters().getFirst(NAME);
        if (format == null || !AnswerCaching.isQuery(request)) {
            return;
        }
        String accept = switch (format) {
            case "csv" -> CsvAnswers.MEDIA_TYPE;
            case "json" -> MediaType.APPLICATION_JSON;
            default -> throw ApiException.badParameter(NAME, "format must be json or csv, not '" + QueryParameters.shorten(format) + "'");
        };
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept);
    }
}
