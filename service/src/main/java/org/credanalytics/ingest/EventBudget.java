package org.credanalytics.ingest;

import java.util.function.Supplier;
import org.credanalytics.api.ApiException;

/**
 * How many events one request may hold, and the refusal (a 413 or a 429) when it holds more.
 * Checked as the body is parsed, so that a request over its caller's budget is refused after at
 * most that many events are decoded, not after all of them.
 */
public record EventBudget(int maxEvents, Supplier<ApiException> refusal) {
    public static final EventBudget UNLIMITED = new EventBudget(Integer.MAX_VALUE, () -> {
        throw new IllegalStateException("an unlimited budget is never exceeded");
    });
}
