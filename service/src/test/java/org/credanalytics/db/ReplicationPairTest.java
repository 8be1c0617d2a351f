package org.credanalytics.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local primary and synchronous standby: a write on the primary is on the standby when it
 * commits; a failover promotes the standby; the old primary rejoins as a read-only standby of the
 * new one (pg_rewind), also when the pair is restarted after a failover it did not see; and the
 * multi-host URL always reaches the primary.
 */
class ReplicationPairTest {
    private ReplicatedPostgres replicated;

    @BeforeEach
    void startPair() throws Exception {
        replicated = ReplicatedPostgres.throwaway("analytics_pair");
        replicated.start();
    }

    @AfterEach
    void stopPair() {
        replicated.stop();
    }

    @Test
    void aCommittedWriteIsOnTheStandbyAndSurvivesAFailoverAndTheOldPrimaryRejoinsReadOnly() throws Exception {
        ReplicationPair pair = replicated.pair();
        LocalPostgres first = pair.primary();
        LocalPostgres second = pair.standby();
        Jdbi viaUrl = Jdbi.create(replicated.jdbcUrl(), LocalPostgres.SUPERUSER, "");
        viaUrl.useHandle(h -> h.execute("CREATE TABLE acknowledged (n int PRIMARY KEY)"));
        viaUrl.useHandle(h -> h.execute("INSERT INTO acknowledged SELECT generate_series(1, 1000)"));
        assertThat(syncState(first)).as("the standby as the primary sees it").isEqualTo("sync");
        // Synchronous commit waits for the standby's flush (remote_flush), not its replay: poll the replay.
        awaitCount(second, 1000);

        pair.killPrimary();
        pair.failOver();

        assertThat(pair.primary()).isSameAs(second);
        assertThat(count(second)).as("every committed row on the promoted standby").isEqualTo(1000);
        viaUrl.useHandle(h -> h.execute("INSERT INTO acknowledged VALUES (1001)"));
        assertThat(address(viaUrl)).as("the URL reaches the new primary").endsWith(":" + second.port());

        pair.rejoinOldPrimary();

        assertThat(pair.standby()).isSameAs(first);
        assertThat(syncState(second)).as("the old primary, now the new one's standby").isEqualTo("sync");
        awaitCount(first, 1001);
        assertThatThrownBy(() -> Jdbi.create(first.jdbcUrl(), LocalPostgres.SUPERUSER, "")
                .useHandle(h -> h.execute("INSERT INTO acknowledged VALUES (1002)")))
                .as("a write on the old primary").hasRootCauseInstanceOf(SQLException.class)
                .rootCause().hasMessageContaining("read-only");
        assertThat(address(viaUrl)).as("the URL still reaches the new primary").endsWith(":" + second.port());
    }

    @Test
    void aRestartAfterAnUnseenFailoverRejoinsTheOldPrimaryInsteadOfStartingItAsAPrimary() throws Exception {
        ReplicationPair pair = replicated.pair();
        LocalPostgres first = pair.primary();
        LocalPostgres second = pair.standby();
        pair.killPrimary();
        pair.failOver();
        Jdbi.create(second.jdbcUrl(), LocalPostgres.SUPERUSER, "")
                .useHandle(h -> h.execute("CREATE TABLE after_failover (n int)"));
        replicated.stop();

        // Both data directories now look like primaries; the pair must tell which one is current.
        replicated.start();

        assertThat(pair.primary()).as("the primary after the restart").isSameAs(second);
        assertThat(syncState(second)).isEqualTo("sync");
        assertThat(first.isStandby()).as("the old primary's directory is a standby's").isTrue();
        Jdbi viaUrl = Jdbi.create(replicated.jdbcUrl(), LocalPostgres.SUPERUSER, "");
        assertThat(address(viaUrl)).endsWith(":" + second.port());
    }

    private static String syncState(LocalPostgres primary) {
        return Jdbi.create(primary.jdbcUrl(), LocalPostgres.SUPERUSER, "").withHandle(h -> h.createQuery(
                "SELECT string_agg(sync_state, ',') FROM pg_stat_replication").mapTo(String.class).one());
    }

    private static long count(LocalPostgres node) {
        return Jdbi.create(node.jdbcUrl(), LocalPostgres.SUPERUSER, "").withHandle(h -> h.createQuery(
                "SELECT count(*) FROM acknowledged").mapTo(Long.class).one());
    }

    private static void awaitCount(LocalPostgres node, long wanted) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count(node) != wanted && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count(node)).as("rows replayed on " + node.jdbcUrl()).isEqualTo(wanted);
    }

    private static String address(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT inet_server_addr() || ':' || inet_server_port()")
                .mapTo(String.class).one());
    }
}
