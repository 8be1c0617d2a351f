package org.credanalytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.credanalytics.db.AnalyticsJdbi;
import org.credanalytics.observability.RepoFiles;
import org.credanalytics.replication.StandbySource;
import org.credanalytics.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose stack's service role, made by the init step's own docker/citus-init/service-role.sql:
 * no superuser, yet able to do what the service does beyond its own tables' rows: create and (on
 * Citus) distribute tables, as its migrations do, and read the cluster's layout, the rebalancer's
 * plan and every node's standbys, as its monitors do.
 */
class ServiceRoleTest {
    static final String ROLE = "analytics";
    private static final TestDatabase DB = TestDatabase.get();
    private static final boolean CITUS = TestDatabase.citusRequested();

    private final Jdbi asService = AnalyticsJdbi.install(Jdbi.create(DB.url(), ROLE, DB.password()));

    /**
     * The init step sets the role's password from the compose file's secret; here it is the local
     * cluster's own, which the nodes' password file gives for every user when a coordinator connects
     * to its workers as this role.
     */
    @BeforeAll
    static void theInitStepsScript() throws Exception {
        String script = Files.readString(RepoFiles.path("docker/citus-init/service-role.sql"));
        DB.jdbi().useHandle(h -> {
            h.createScript(script).execute();
            // a utility statement takes no parameters: the password (url-safe characters) as a quoted literal
            h.execute("ALTER ROLE " + ROLE + " PASSWORD '" + DB.password().replace("'", "''") + "'");
        });
    }

    @AfterAll
    static void theSchemaBackToItsOwner() {
        DB.jdbi().useHandle(h -> h.execute("ALTER SCHEMA public OWNER TO " + DB.user()));
    }

    @Test
    void theRoleIsNoSuperuserAndOwnsTheSchema() {
        boolean limitedOwner = asService.withHandle(h -> h.createQuery("""
                SELECT NOT rolsuper AND NOT rolcreaterole AND NOT rolcreatedb
                       AND (SELECT nspowner = r.oid FROM pg_namespace WHERE nspname = 'public')
                FROM pg_roles r WHERE rolname = current_user""").mapTo(Boolean.class).one());
        assertThat(limitedOwner).isTrue();
    }

    @Test
    void itCreatesAndDistributesTablesAsItsMigrationsDo() {
        asService.useHandle(h -> {
            h.execute("CREATE TABLE service_role_check (institution_id bigint NOT NULL, n int)");
            try {
                if (CITUS) {
                    h.execute("SELECT create_distributed_table('service_role_check', 'institution_id')");
                }
                h.execute("INSERT INTO service_role_check VALUES (1, 1)");
                assertThat(h.createQuery("SELECT count(*) FROM service_role_check").mapTo(Long.class).one()).isEqualTo(1);
            } finally {
                h.execute("DROP TABLE service_role_check");
            }
        });
    }

    @Test
    void itReadsTheClusterAndEveryNodesStandbys() {
        ClusterView view = new ClusterView(asService, CITUS);
        assertThat(view.tables()).isNotEmpty();
        if (CITUS) {
            assertThat(view.citusNodes()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(view.citusRebalancePlan()).isNotNull();
        }
        assertThat(StandbySource.of(asService, CITUS).read()).isNotEmpty().allSatisfy(node ->
                assertThat(node.toString()).doesNotContain("permission denied"));
    }
}
