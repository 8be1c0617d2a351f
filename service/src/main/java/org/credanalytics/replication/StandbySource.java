package org.credanalytics.replication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * Where the standbys of every database node are read, chosen once at start: on plain PostgreSQL
 * the one server the connection reached; on Citus each primary node of {@code pg_dist_node}
 * (the coordinator and every worker has its own standbys), labelled {@code nodename:nodeport}.
 */
public interface StandbySource {
    /** Every node's standbys; throws when a node cannot be read, so that no node silently drops out. */
    List<NodeStandbys> read();

    static StandbySource of(Jdbi jdbi, boolean citus) {
        ReplicationDao dao = jdbi.onDemand(ReplicationDao.class);
        return citus ? new CitusNodes(dao) : () -> List.of(dao.nodeStandbys());
    }

    /** Runs nodeStandbys.sql on every node through the coordinator and reads each node's JSON row. */
    final class CitusNodes implements StandbySource {
        private static final ObjectMapper JSON = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        private final ReplicationDao dao;
        private final String command;

        CitusNodes(ReplicationDao dao) {
            this.dao = dao;
            this.command = ClasspathSqlLocator.removingComments().locate(ReplicationDao.class, "nodeStandbys");
        }

        @Override
        public List<NodeStandbys> read() {
            List<NodeStandbys> nodes = new ArrayList<>();
            List<String> unreachable = new ArrayList<>();
            for (ReplicationDao.NodeResult result : dao.citusStandbys(command)) {
                if (!result.reached()) {
                    unreachable.add(result.node() + " (" + result.result() + ")");
                    continue;
                }
                try {
                    nodes.add(JSON.readValue(result.result(), NodeStandbys.class).withNode(result.node()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("node " + result.node() + " answered " + result.result(), e);
                }
            }
            if (!unreachable.isEmpty()) {
                throw new IllegalStateException("could not read the standbys of " + String.join(", ", unreachable));
            }
            return nodes;
        }
    }
}
