package org.credanalytics.api;

import java.time.Duration;
import java.util.List;

/**
 * A request that cannot be served, with the status and the JSON error to answer. Thrown from
 * resources and completed into async responses; {@link ApiExceptionMapper} renders it.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public ApiException(int status, String message, List<FieldError> errors, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ApiException badRequest(String message, List<FieldError> errors) {
        return new ApiException(400, message, errors, null);
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(400, message, List.of(FieldError.ofField(parameter, message)), null);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public ApiError toError() {
        return new ApiError(status, getMessage(), errors);
    }
}
