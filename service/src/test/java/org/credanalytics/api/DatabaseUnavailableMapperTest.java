package org.credanalytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which query failures become a 503 with Retry-After rather than a 500. */
@Tag("fast")
class DatabaseUnavailableMapperTest {

    @Test
    void aCitusWorkerLostDuringAQueryIsUnavailable() {
        SQLException lost = new SQLException("ERROR: failure on connection marked as essential: localhost:25433", "XX000");
        assertThat(DatabaseUnavailableMapper.isUnavailable(new UnableToExecuteStatementException(lost, null))).isTrue();
    }

    @Test
    void otherInternalErrorsStayServerErrors() {
        SQLException bug = new SQLException("ERROR: cache lookup failed for relation 123", "XX000");
        assertThat(DatabaseUnavailableMapper.isUnavailable(new UnableToExecuteStatementException(bug, null))).isFalse();
    }

    @Test
    void connectionClassIsUnavailable() {
        SQLException refused = new SQLException("Connection refused", "08001");
        assertThat(DatabaseUnavailableMapper.isUnavailable(new UnableToExecuteStatementException(refused, null))).isTrue();
    }
}
