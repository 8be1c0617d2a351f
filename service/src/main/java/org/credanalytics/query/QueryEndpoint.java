package org.credanalytics.query;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method as the dashboard endpoint {@link #value()} describes: its latency is
 * timed under that endpoint's metric name, and its range is capped ({@link RangeCap}). The
 * method's path must be the description's (the OpenAPI contract test checks it).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface QueryEndpoint {
    DashboardEndpoint value();
}
