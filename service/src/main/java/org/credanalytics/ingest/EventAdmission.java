package org.credanalytics.ingest;

import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * Decides, after a request's events are decoded and before any is queued, whether the caller may
 * write them all; throws an {@link org.credanalytics.api.ApiException} (e.g. 403, 429) if not, so
 * that a request is admitted or refused whole.
 */
@FunctionalInterface
public interface EventAdmission {
    void admit(SecurityContext security, List<Event> events);

    /**
     * Before the body is parsed: how many events the caller's request may hold, or a refusal
     * (e.g. 429) when it may send none now.
     */
    default EventBudget budget(SecurityContext security) {
        return EventBudget.UNLIMITED;
    }
}
