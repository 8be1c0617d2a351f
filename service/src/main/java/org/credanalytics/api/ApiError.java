package org.credanalytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The JSON body of every error response: {@code {"code": 400, "message": "...", "errors": [...]}}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int code, String message, List<FieldError> errors) {
}
