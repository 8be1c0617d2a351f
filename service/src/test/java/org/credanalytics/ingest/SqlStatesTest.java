package org.credanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How database failures are sorted into the client's fault (400) and the cluster's (503, retry). */
@Tag("fast")
class SqlStatesTest {

    @Test
    void aWorkerLostMidTransactionIsAnOutageNotBadData() {
        // what a Citus node raises when a worker it writes to stops (CitusWorkerStopTest got a 400 from it)
        SQLException lost = new SQLException("ERROR: failure on connection marked as essential: localhost:25433", "XX000");
        assertThat(SqlStates.isDataError(lost)).isFalse();
        assertThat(SqlStates.isConnectionFailure(lost)).isTrue();
    }

    @Test
    void anUnknownInternalErrorIsNotBlamedOnTheClient() {
        SQLException unknown = new SQLException("ERROR: cache lookup failed for relation 123", "XX000");
        assertThat(SqlStates.isDataError(unknown)).isFalse();
    }

    @Test
    void aWorkersDataErrorPassedOnAsInternalErrorIsBadData() {
        SQLException relayed = new SQLException(
                "ERROR: value too long for type character varying(100)", "XX000");
        assertThat(SqlStates.isDataError(relayed)).isTrue();
        assertThat(SqlStates.isConnectionFailure(relayed)).isFalse();
    }

    @Test
    void dataAndIntegrityClassesAreBadDataWhateverTheMessage() {
        assertThat(SqlStates.isDataError(new SQLException("x", "22P02"))).isTrue();
        assertThat(SqlStates.isDataError(new SQLException("x", "23514"))).isTrue();
        assertThat(SqlStates.isDataError(new SQLException("x", "08006"))).isFalse();
    }
}
