package org.credanalytics.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.ManagedObjects;
import org.credanalytics.testing.PrometheusScrape;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The replication monitor of a running service against the suite's database, which has no
 * standbys: on plain PostgreSQL one node, the server the service reached; on Citus every primary
 * node of pg_dist_node, the coordinator included.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReplicationMonitorTest {
    // Polls only at start and when a test asks, so that the gauges describe the snapshot under test.
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("replication.monitorInterval", "1h"));

    private final TestDatabase db = TestDatabase.get();

    @Test
    void reportsEveryDatabaseNodeWithoutStandbys() {
        StandbySnapshot snapshot = monitor().refresh();

        assertThat(snapshot.nodes()).extracting(NodeStandbys::node).containsExactlyInAnyOrderElementsOf(expectedNodes());
        assertThat(snapshot.nodes()).allSatisfy(node -> {
            assertThat(node.standbys()).as(node.node()).isZero();
            assertThat(node.synchronous()).as(node.node()).isZero();
            assertThat(node.requiresSynchronous()).as(node.node()).isFalse();
            assertThat(node.replayLagSeconds()).as(node.node()).isZero();
            assertThat(node.replayLagBytes()).as(node.node()).isZero();
        });
    }

    @Test
    void publishesPerNodeGaugesOnThePrometheusEndpoint() {
        monitor().refresh();

        PrometheusScrape scrape = scrape();

        for (String node : expectedNodes()) {
            for (String name : List.of("analytics_replication_standbys", "analytics_replication_synchronous_standbys",
                    "analytics_replication_replay_lag_seconds", "analytics_replication_replay_lag_bytes")) {
                assertThat(scrape.value(name, "node", node)).as(name + "{node=" + node + "}").hasValue(0.0);
            }
        }
        assertThat(scrape.find("analytics_replication_standbys")).hasSize(expectedNodes().size());
        assertThat(scrape.has("analytics_replication_monitor_failures_total")).isTrue();
    }

    @Test
    void theStandbysHealthCheckIsHealthyWithoutTheExpectationAndSummarizesEachNode() {
        monitor().refresh();

        JsonNode check = new Http(APP.getAdminPort()).get("/healthcheck").json().path("database-standbys");

        assertThat(check.path("healthy").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.path("message").asText()).contains(expectedNodes().get(0) + ": 0 standbys (0 synchronous)");
    }

    @Test
    void aFailedPollIsCountedAndKeepsThePreviousSnapshot() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        NodeStandbys node = new NodeStandbys("10.0.0.1:5432", 1, 1, true, 0.25, 2048);
        StandbySource source = () -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return List.of(node);
        };
        ReplicationMonitor monitor = new ReplicationMonitor(source, new ReplicationMetrics(registry), 3_600_000,
                Clock.systemUTC());
        monitor.tick();
        failure.set(new IllegalStateException("could not read the standbys of 10.0.0.2:5432"));

        monitor.tick();

        assertThat(monitor.latest()).map(StandbySnapshot::nodes).hasValue(List.of(node));
        assertThat(registry.get(ReplicationMetrics.MONITOR_FAILURES).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(ReplicationMetrics.REPLAY_LAG_SECONDS).tag("node", "10.0.0.1:5432").gauge().value())
                .isCloseTo(0.25, within(1e-9));
        assertThat(registry.get(ReplicationMetrics.SYNCHRONOUS_STANDBYS).tag("node", "10.0.0.1:5432").gauge().value())
                .isEqualTo(1.0);
    }

    /** host:port of each node: the server reached on PostgreSQL, pg_dist_node's primaries on Citus. */
    private List<String> expectedNodes() {
        List<String> nodes = db.jdbi().withHandle(h -> h.createQuery(db.isCitus()
                        ? "SELECT nodename || ':' || nodeport FROM pg_dist_node WHERE noderole = 'primary'"
                        : "SELECT host(inet_server_addr()) || ':' || inet_server_port()")
                .mapTo(String.class).list());
        if (db.isCitus()) {
            assertThat(nodes).as("coordinator and workers")
                    .hasSize((int) db.count("SELECT count(*) FROM pg_dist_node WHERE noderole = 'primary'"))
                    .hasSizeGreaterThan(2);
        }
        return nodes;
    }

    private static ReplicationMonitor monitor() {
        return ManagedObjects.find(APP, ReplicationMonitor.class);
    }

    private PrometheusScrape scrape() {
        Http.Reply reply = new Http(APP.getAdminPort()).get("/prometheus");
        assertThat(reply.status()).isEqualTo(200);
        return PrometheusScrape.parse(reply.body());
    }
}
