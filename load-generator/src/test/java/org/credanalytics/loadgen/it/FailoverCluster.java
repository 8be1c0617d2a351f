package org.credanalytics.loadgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.credanalytics.db.LocalCitusCluster;
import org.credanalytics.db.LocalPostgres;
import org.credanalytics.db.ReplicatedPostgres;
import org.credanalytics.db.ReplicationPair;
import org.credanalytics.testing.ServiceProcess;
import org.credanalytics.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;

/**
 * What the failover drill fails over: a PostgreSQL primary with its standby, or one Citus worker
 * with its standby (the coordinator then gets {@code citus_update_node}).
 */
abstract class FailoverCluster implements AutoCloseable {
    private final ReplicationPair pair;
    private LocalPostgres oldPrimary;

    FailoverCluster(ReplicationPair pair) {
        this.pair = pair;
    }

    static FailoverCluster postgres(String database) throws Exception {
        ReplicatedPostgres replicated = ReplicatedPostgres.throwaway(database);
        replicated.start();
        return new Postgres(replicated);
    }

    static FailoverCluster citusWorker(String database) throws Exception {
        LocalCitusCluster cluster = LocalCitusCluster.throwaway(database, 2, TestDatabase.CITUS_SHARDS,
                node -> node.equals("worker-1") ? ReplicationPair.SETTINGS : "");
        cluster.start();
        return new CitusWorker(cluster, cluster.addStandby(0));
    }

    abstract String name();

    /** What the service connects to. */
    abstract String serviceUrl();

    /** An institution whose events live on the node that fails. */
    abstract long institutionOnFailingNode(Jdbi jdbi, int institutions);

    void killPrimary() throws Exception {
        oldPrimary = pair.primary();
        pair.killPrimary();
    }

    abstract void promoteStandby() throws Exception;

    void rejoinOldPrimary() throws Exception {
        pair.rejoinOldPrimary();
    }

    String oldPrimaryUrl() {
        return oldPrimary.jdbcUrl();
    }

    ReplicationPair pair() {
        return pair;
    }

    abstract void assertServiceFollowsNewPrimary(ServiceProcess service) throws Exception;

    /** After the old primary rejoined: the pair is synchronous again (on Citus, the coordinator has no standby). */
    void assertServiceSeesSynchronousStandby(ServiceProcess service) throws Exception {
        int synchronous = Jdbi.create(pair().primary().jdbcUrl(), LocalPostgres.SUPERUSER, "").withHandle(h -> h
                .createQuery("SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'")
                .mapTo(Integer.class).one());
        assertThat(synchronous).as("synchronous standbys of the new primary").isEqualTo(1);
    }

    /** The admin health check's entry {@code name}. */
    static JsonNode health(ServiceProcess service, String name) throws Exception {
        return new ObjectMapper().readTree(healthReport(service)).get(name);
    }

    static String healthReport(ServiceProcess service) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.adminPort() + "/healthcheck"))
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static final class Postgres extends FailoverCluster {
        private final ReplicatedPostgres replicated;

        Postgres(ReplicatedPostgres replicated) {
            super(replicated.pair());
            this.replicated = replicated;
        }

        @Override
        String name() {
            return "PostgreSQL primary";
        }

        @Override
        String serviceUrl() {
            return replicated.jdbcUrl();
        }

        @Override
        long institutionOnFailingNode(Jdbi jdbi, int institutions) {
            return 1;
        }

        @Override
        void promoteStandby() throws Exception {
            pair().failOver();
        }

        @Override
        void assertServiceFollowsNewPrimary(ServiceProcess service) throws Exception {
            JsonNode primary = health(service, "database-primary");
            System.out.println("FailoverDrillTest: health after the failover: " + primary);
            assertThat(primary.get("message").asText()).as("the health check names the new primary")
                    .contains("127.0.0.1:" + pair().primary().port());
        }

        @Override
        void assertServiceSeesSynchronousStandby(ServiceProcess service) throws Exception {
            super.assertServiceSeesSynchronousStandby(service);
            JsonNode primary = health(service, "database-primary");
            System.out.println("FailoverDrillTest: health after the old primary rejoined: " + primary);
            assertThat(primary.get("message").asText()).contains("1 synchronous");
        }

        @Override
        public void close() {
            replicated.stop();
        }
    }

    private static final class CitusWorker extends FailoverCluster {
        private final LocalCitusCluster cluster;

        CitusWorker(LocalCitusCluster cluster, ReplicationPair pair) {
            super(pair);
            this.cluster = cluster;
        }

        @Override
        String name() {
            return "Citus worker 1";
        }

        @Override
        String serviceUrl() {
            return cluster.jdbcUrl();
        }

        @Override
        long institutionOnFailingNode(Jdbi jdbi, int institutions) {
            return jdbi.withHandle(h -> h.createQuery("""
                            SELECT i FROM generate_series(1, :institutions) AS i
                            JOIN citus_shards s ON s.shardid = get_shard_id_for_distribution_column('analytics_events', i)
                            WHERE s.table_name = 'analytics_events'::regclass AND s.nodeport = :port
                            ORDER BY i LIMIT 1""")
                    .bind("institutions", institutions).bind("port", pair().primary().port())
                    .mapTo(Long.class).one());
        }

        @Override
        void promoteStandby() throws Exception {
            cluster.failOverWorker(0);
        }

        @Override
        void assertServiceFollowsNewPrimary(ServiceProcess service) throws Exception {
            Jdbi coordinator = Jdbi.create(cluster.jdbcUrl(), LocalPostgres.SUPERUSER, "");
            int port = coordinator.withHandle(h -> h.createQuery(
                            "SELECT nodeport FROM pg_dist_node WHERE groupid = (SELECT min(groupid) FROM pg_dist_node WHERE groupid > 0)")
                    .mapTo(Integer.class).one());
            assertThat(port).as("the coordinator's address of worker 1").isEqualTo(pair().primary().port());
            System.out.println("FailoverDrillTest: health after the failover: " + health(service, "database-primary"));
        }

        @Override
        public void close() {
            cluster.stop();
        }
    }
}
