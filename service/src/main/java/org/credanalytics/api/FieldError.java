package org.credanalytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One problem with a request: which event (index, when it concerns one), which field, and what is wrong. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(Integer index, String field, String message) {
    public static FieldError ofField(String field, String message) {
        return new FieldError(null, field, message);
    }
}
