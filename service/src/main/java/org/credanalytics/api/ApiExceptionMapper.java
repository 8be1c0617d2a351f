package org.credanalytics.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Renders {@link ApiException} as the JSON error body, with {@code Retry-After} for 429 and 503,
 * and the {@code Bearer} challenge for 401.
 */
@Provider
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException exception) {
        Response.ResponseBuilder response = Response.status(exception.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(exception.toError());
        if (exception.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Math.max(1, exception.retryAfter().toSeconds()));
        }
        if (exception.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"credential-analytics\"");
        }
        return response.build();
    }
}
