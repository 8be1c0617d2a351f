package org.credanalytics.replication;

import java.time.Instant;
import java.util.List;

/** Every database node's standbys, read in one poll of the {@link ReplicationMonitor}. */
public record StandbySnapshot(List<NodeStandbys> nodes, Instant observedAt) {
    public StandbySnapshot {
        nodes = List.copyOf(nodes);
    }
}
