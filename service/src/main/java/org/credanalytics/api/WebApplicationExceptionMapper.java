package org.credanalytics.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.glassfish.jersey.server.ParamException;

/**
 * Jersey's own refusals (no resource for the path, a method the resource lacks, a parameter it
 * cannot convert) in the documented error shape instead of Dropwizard's {@code ErrorMessage},
 * keeping their headers ({@code Allow} on a 405).
 */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        List<FieldError> errors = List.of();
        String message = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed here; allowed: " + String.join(", ", original.getAllowedMethods());
            default -> Response.Status.fromStatusCode(status) == null ? "error"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
        if (exception instanceof ParamException param) {
            message = "invalid parameter " + param.getParameterName();
            errors = List.of(FieldError.ofField(param.getParameterName(), message));
        }
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status, message, errors));
        for (String header : List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE)) {
            if (original.getHeaderString(header) != null) {
                response.header(header, original.getHeaderString(header));
            }
        }
        return response.build();
    }
}
