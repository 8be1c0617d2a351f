package org.credanalytics.query;

import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Times every request that Jersey matched to a method annotated with {@link QueryEndpoint} and
 * records it in {@link QueryMetrics} under the method's endpoint and the response's status
 * class. The time runs from the start of the request until the response, error responses
 * included, has passed the response filters and is about to be written. Recording then rather
 * than after the write means that a client which has the response can already see it counted.
 * A request that never got that far is recorded when it finishes, as 5xx if it has no response.
 */
public final class QueryTimingListener implements ApplicationEventListener {
    private final QueryMetrics metrics;

    public QueryTimingListener(QueryMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onEvent(ApplicationEvent event) {
    }

    @Override
    public RequestEventListener onRequest(RequestEvent requestEvent) {
        return new Timing(System.nanoTime());
    }

    private final class Timing implements RequestEventListener {
        private final long started;
        private boolean recorded;

        Timing(long started) {
            this.started = started;
        }

        @Override
        public void onEvent(RequestEvent event) {
            if (recorded || (event.getType() != RequestEvent.Type.RESP_FILTERS_FINISHED
                    && event.getType() != RequestEvent.Type.FINISHED)) {
                return;
            }
            recorded = true;
            ResourceMethod method = event.getUriInfo().getMatchedResourceMethod();
            QueryEndpoint endpoint = method == null ? null
                    : method.getInvocable().getDefinitionMethod().getAnnotation(QueryEndpoint.class);
            if (endpoint != null) {
                ContainerResponse response = event.getContainerResponse();
                metrics.record(endpoint.value(), response == null ? 500 : response.getStatus(), System.nanoTime() - started);
            }
        }
    }
}
