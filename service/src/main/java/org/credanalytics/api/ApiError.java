package org.credanalytics.api;

import java.util.List;

/**
 * The JSON body of every error response: {@code {"code": 400, "message": "...", "errors": [...]}}.
 * {@code errors} is always there, empty when the problem is not one of a field or an event.
 */
public record ApiError(int code, String message, List<FieldError> errors) {
    public ApiError {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
