package org.credanalytics.ingest.routing;

import java.util.List;
import org.credanalytics.ingest.Event;

/** Every write goes through the configured database. */
public record SingleNode(WriteNode coordinator) implements IngestTopology {
    @Override
    public WriteNode route(List<Event> events) {
        return coordinator;
    }

    @Override
    public List<WriteNode> nodes() {
        return List.of(coordinator);
    }
}
