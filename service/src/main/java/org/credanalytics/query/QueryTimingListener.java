package org.credanalytics.query;

import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Times every request that Jersey matched to a method annotated with {@link QueryEndpoint}, from
 * the start of the request to its finish (response written or failed), and records it in
 * {@link QueryMetrics} under the method's endpoint name and the response's status class. A request
 * that ends without a response (the client went away, an unmapped error) counts as 5xx.
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
        long started = System.nanoTime();
        return event -> {
            if (event.getType() != RequestEvent.Type.FINISHED) {
                return;
            }
            ResourceMethod method = event.getUriInfo().getMatchedResourceMethod();
            if (method == null) {
                return;
            }
            QueryEndpoint endpoint = method.getInvocable().getDefinitionMethod().getAnnotation(QueryEndpoint.class);
            if (endpoint != null) {
                ContainerResponse response = event.getContainerResponse();
                metrics.record(endpoint.value(), response == null ? 500 : response.getStatus(), System.nanoTime() - started);
            }
        };
    }
}
