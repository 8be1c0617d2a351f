package org.credanalytics.query;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a dashboard resource method for the query latency timer: the value becomes the
 * {@code endpoint} tag of {@value QueryMetrics#DURATION}, and must be one of {@link QueryMetrics#ENDPOINTS}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface QueryEndpoint {
    String value();
}
