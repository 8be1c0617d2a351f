package org.credanalytics.faults;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import org.credanalytics.local.LocalCitusCluster;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.testing.ServiceProcess;
import org.credanalytics.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Citus cluster of a test class's own (two workers, the suite's shard count), for tests that
 * change the cluster's shape or stop its nodes; register it as a static {@code @RegisterExtension}
 * field. It exists only in the suite's Citus run: in the PostgreSQL run each test is skipped with
 * an assumption that says why (in the test, so Surefire reports the skip and its reason).
 */
final class OwnCitusCluster implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final String database;
    private final String why;
    private LocalCitusCluster cluster;
    private Jdbi jdbi;

    OwnCitusCluster(String database, String why) {
        this.database = database;
        this.why = why;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (TestDatabase.citusRequested()) {
            cluster = LocalCitusCluster.throwaway(database, 2, TestDatabase.CITUS_SHARDS);
            cluster.start();
            jdbi = Jdbi.create(cluster.jdbcUrl(), LocalPostgres.SUPERUSER, cluster.password().value());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(cluster != null, "Citus only: " + why + " (the Citus run of the suite, ANALYTICS_TEST_ENGINE=citus)");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.stop();
        }
    }

    LocalCitusCluster cluster() {
        return cluster;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** A service on this cluster's coordinator, not yet started, rolling up every 200 ms. */
    ServiceProcess service(String ingestYaml) throws IOException {
        return ServiceProcess.on(cluster.jdbcUrl(), LocalPostgres.SUPERUSER, cluster.password().value(), ingestYaml,
                "enabled: true\ninterval: 200ms");
    }
}
