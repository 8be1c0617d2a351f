package org.credanalytics.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the Citus source turns each node's answer to nodeStandbys.sql into its standbys, without a cluster. */
class CitusStandbySourceTest {
    static final String COORDINATOR_JSON = """
            {"node":"10.0.0.5:5432","standbys":1,"synchronous":1,"requires_synchronous":true,\
            "replay_lag_seconds":0.004,"replay_lag_bytes":512}""";

    @Test
    void labelsEachNodeAsPgDistNodeNamesIt() {
        StandbySource source = new StandbySource.CitusNodes(answering(
                new ReplicationDao.NodeResult("coordinator:5432", true, COORDINATOR_JSON)));

        assertThat(source.read()).containsExactly(new NodeStandbys("coordinator:5432", 1, 1, true, 0.004, 512));
    }

    @Test
    void aNodeThatCannotBeReachedFailsThePollNamingIt() {
        StandbySource source = new StandbySource.CitusNodes(answering(
                new ReplicationDao.NodeResult("coordinator:5432", true, COORDINATOR_JSON),
                new ReplicationDao.NodeResult("worker-2:5432", false, "failed to connect to worker-2:5432")));

        assertThatThrownBy(source::read).hasMessageContaining("worker-2:5432 (failed to connect to worker-2:5432)");
    }

    @Test
    void runsTheCommentFreeNodeStatementOnEveryNode() {
        String[] command = new String[1];
        new StandbySource.CitusNodes(new FakeDao(List.of()) {
            @Override
            public List<NodeResult> citusStandbys(String text) {
                command[0] = text;
                return List.of();
            }
        }).read();

        assertThat(command[0]).contains("FROM pg_stat_replication").doesNotContain("--").doesNotContainPattern(";\\s*$");
    }

    private static ReplicationDao answering(ReplicationDao.NodeResult... results) {
        return new FakeDao(List.of(results));
    }

    private static class FakeDao implements ReplicationDao {
        private final List<NodeResult> results;

        FakeDao(List<NodeResult> results) {
            this.results = results;
        }

        @Override
        public ServerRole serverRole() {
            throw new UnsupportedOperationException();
        }

        @Override
        public NodeStandbys nodeStandbys() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<NodeResult> citusStandbys(String command) {
            return results;
        }
    }
}
