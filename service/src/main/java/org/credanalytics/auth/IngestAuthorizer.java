package org.credanalytics.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.credanalytics.api.ApiException;
import org.credanalytics.ingest.Event;
import org.credanalytics.ingest.EventAdmission;
import org.credanalytics.ingest.EventBudget;

/**
 * Admits an ingest request only if its key may write every one of its events: an institution key
 * only events of its own institution (one foreign event refuses the whole batch with 403, before
 * anything is queued), and only within the key's events-per-second budget (429).
 */
public final class IngestAuthorizer implements EventAdmission {
    private final RateLimits limits;
    private final AuthMetrics metrics;

    public IngestAuthorizer(RateLimits limits, AuthMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    @Override
    public void admit(SecurityContext security, List<Event> events) {
        try {
            check(security, events);
        } catch (ApiException e) {
            throw metrics.refused(e);
        }
    }

    @Override
    public EventBudget budget(SecurityContext security) {
        try {
            return limits.eventBudget(key(security), metrics::refused);
        } catch (ApiException e) {
            throw metrics.refused(e);
        }
    }

    private static ApiKey key(SecurityContext security) {
        if (!(security.getUserPrincipal() instanceof ApiKey key)) {
            // The filter authenticates every /v1 request; reaching here without a key is a wiring bug.
            throw AccessPolicy.forbidden("no API key");
        }
        return key;
    }

    private void check(SecurityContext security, List<Event> events) {
        ApiKey key = key(security);
        for (Event event : events) {
            if (!key.mayActFor(event.institutionId(), Scope.INGEST)) {
                throw AccessPolicy.forbidden("this key may not ingest events of institution " + event.institutionId()
                        + "; nothing was stored");
            }
        }
        limits.admitEvents(key, events.size());
    }
}
