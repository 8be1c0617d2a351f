package org.credanalytics.query;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.credanalytics.api.ApiException;
import org.credanalytics.auth.EmbedGrant;

/**
 * The longest range one dashboard query may cover: {@code queries.maxRangeMonths} for API keys,
 * {@code queries.embedMaxRangeMonths} (at most 13) for embed tokens, whose links may leak. A range
 * beyond it is a 400 naming {@code to}. Dates that do not parse are left to the resource, which
 * reports them.
 */
@Priority(Priorities.AUTHORIZATION)
public final class RangeCap implements ContainerRequestFilter {
    private final int maxRangeMonths;
    private final int embedMaxRangeMonths;

    @Context
    private ResourceInfo resource;

    public RangeCap(QueryConfiguration limits) {
        this.maxRangeMonths = limits.getMaxRangeMonths();
        this.embedMaxRangeMonths = limits.getEmbedMaxRangeMonths();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceMethod() == null || !resource.getResourceMethod().isAnnotationPresent(QueryEndpoint.class)) {
            return;
        }
        MultivaluedMap<String, String> parameters = request.getUriInfo().getQueryParameters();
        LocalDate from = dateOrNull(parameters.getFirst("from"));
        LocalDate to = dateOrNull(parameters.getFirst("to"));
        if (from == null || to == null) {
            return;
        }
        boolean embed = request.getProperty(EmbedGrant.REQUEST_PROPERTY) != null;
        int months = embed ? embedMaxRangeMonths : maxRangeMonths;
        if (QueryParameters.spansMoreThan(from, to, months, ChronoUnit.MONTHS)) {
            throw ApiException.badParameter("to", "the range may span at most " + months + " months"
                    + (embed ? " with an embed token" : "") + "; 'from' is " + from + ", 'to' " + to);
        }
    }

    private static LocalDate dateOrNull(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
