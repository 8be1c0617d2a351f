package org.credanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.credanalytics.db.DirectConnections;
import org.credanalytics.rollup.RollupStep;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.Writers;
import org.junit.jupiter.api.Test;

/** The rollup job's horizon waits for ids leased to a write through a Citus worker, as for the coordinator's own writers. */
class IdLeaseTest {
    private final TestDatabase db = TestDatabase.get();

    @Test
    void theRollupHorizonWaitsForALeaseToEnd() throws Exception {
        RollupStep step = new RollupStep(db.jdbi(), 1_000_000);
        try (IdLease lease = new IdLease(new DirectConnections(Writers.dataSource(), "lease-test"))) {
            long[] ids = lease.draw(3);
            assertThat(ids[1]).isEqualTo(ids[0] + 1);
            assertThat(ids[2]).isEqualTo(ids[0] + 2);

            CompletableFuture<RollupStep.Horizon> horizon = CompletableFuture.supplyAsync(step::horizon);
            Thread.sleep(500);
            assertThat(horizon).as("the horizon, while ids are leased to a writer still in flight").isNotDone();

            lease.release();
            assertThat(horizon.get(10, TimeUnit.SECONDS).id()).isGreaterThanOrEqualTo(ids[2]);
        }
    }

    @Test
    void aReleasedLeaseHoldsNothing() throws Exception {
        RollupStep step = new RollupStep(db.jdbi(), 1_000_000);
        try (IdLease lease = new IdLease(new DirectConnections(Writers.dataSource(), "lease-test"))) {
            long[] ids = lease.draw(1);
            lease.release();

            assertThat(CompletableFuture.supplyAsync(step::horizon).get(10, TimeUnit.SECONDS).id()).isGreaterThanOrEqualTo(ids[0]);
        }
    }
}
