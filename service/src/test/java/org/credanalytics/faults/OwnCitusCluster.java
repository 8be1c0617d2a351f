package org.credanalytics.faults;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.credanalytics.db.LocalCitusCluster;
import org.credanalytics.db.LocalPostgres;
import org.credanalytics.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;

/**
 * A Citus cluster of a test's own (two workers, the suite's shard count), for tests that change
 * the cluster's shape or stop its nodes. Only in the suite's Citus run: elsewhere the test is
 * skipped with an assumption that says why.
 */
final class OwnCitusCluster implements AutoCloseable {
    private final LocalCitusCluster cluster;
    private final Jdbi jdbi;

    private OwnCitusCluster(LocalCitusCluster cluster) {
        this.cluster = cluster;
        this.jdbi = Jdbi.create(cluster.jdbcUrl(), LocalPostgres.SUPERUSER, "");
    }

    /** The cluster, in the suite's Citus run; null in the PostgreSQL run (the tests then skip, see {@link #assumeCitusRun}). */
    static OwnCitusCluster startInCitusRun(String database) throws Exception {
        if (!TestDatabase.citusRequested()) {
            return null;
        }
        LocalCitusCluster cluster = LocalCitusCluster.throwaway(database, 2, TestDatabase.CITUS_SHARDS);
        cluster.start();
        return new OwnCitusCluster(cluster);
    }

    /** Skips the test, saying why, outside the suite's Citus run (in a test method, so Surefire reports the skip). */
    static void assumeCitusRun(String why) {
        assumeTrue(TestDatabase.citusRequested(), "Citus only: " + why
                + " (the Citus run of the suite, ANALYTICS_TEST_ENGINE=citus)");
    }

    LocalCitusCluster cluster() {
        return cluster;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** A service on this cluster's coordinator, not yet started, rolling up every 200 ms. */
    ServiceProcess service(String ingestYaml) throws java.io.IOException {
        return ServiceProcess.on(cluster.jdbcUrl(), LocalPostgres.SUPERUSER, "", ingestYaml, "enabled: true\ninterval: 200ms");
    }

    @Override
    public void close() {
        cluster.stop();
    }
}
