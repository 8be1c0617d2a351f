package org.credanalytics.benchmarks.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.credanalytics.ingest.BinaryCopyEncoder;
import org.credanalytics.ingest.CopyBuffer;
import org.credanalytics.ingest.Event;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Four ways for the batch writer to store one batch of events: binary COPY (what the service's
 * {@code EventStore} does), text COPY, a JDBC batch of INSERTs that the driver rewrites into
 * multi-row INSERTs, and one {@code INSERT ... SELECT FROM unnest(arrays)}. Each call is one
 * transaction that commits before returning, or rolls back and throws. Owns its statements and
 * buffer, so one instance serves one connection on one thread.
 */
public final class BatchInserts implements AutoCloseable {
    static final String INSERT_SQL = "INSERT INTO analytics_events (event_id, event_type, institution_id, issued_at, metadata)"
            + " VALUES (?, ?, ?, ?, ?::jsonb)";
    static final String UNNEST_SQL = "INSERT INTO analytics_events (event_id, event_type, institution_id, issued_at, metadata)"
            + " SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::jsonb[])";

    private final Connection connection;
    private final PGConnection pgConnection;
    private final CopyManager copyManager;
    private final BinaryCopyEncoder binaryEncoder = new BinaryCopyEncoder();
    private final TextCopyEncoder textEncoder = new TextCopyEncoder();
    private final CopyBuffer buffer = new CopyBuffer(1 << 20);
    private final PreparedStatement insert;
    private final PreparedStatement unnest;

    /** Takes over a connection opened with {@link #driverProperties()}; closing this closes it. */
    public BatchInserts(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.pgConnection = connection.unwrap(PGConnection.class);
        this.copyManager = pgConnection.getCopyAPI();
        this.insert = connection.prepareStatement(INSERT_SQL);
        this.unnest = connection.prepareStatement(UNNEST_SQL);
    }

    /** Lets the driver send a JDBC batch as multi-row INSERTs, its fastest way to run one. */
    public static Properties driverProperties() {
        Properties properties = new Properties();
        properties.setProperty("reWriteBatchedInserts", "true");
        return properties;
    }

    public long binaryCopy(List<Event> events) throws SQLException {
        buffer.reset();
        binaryEncoder.encode(events, buffer);
        return copy(BinaryCopyEncoder.COPY_SQL);
    }

    public long textCopy(List<Event> events) throws SQLException {
        buffer.reset();
        textEncoder.encode(events, buffer);
        return copy(TextCopyEncoder.COPY_SQL);
    }

    public long jdbcBatch(List<Event> events) throws SQLException {
        try {
            for (Event event : events) {
                insert.setString(1, event.eventId());
                insert.setString(2, event.eventType());
                insert.setLong(3, event.institutionId());
                insert.setObject(4, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
                if (event.metadataJson() == null) {
                    insert.setNull(5, Types.VARCHAR);
                } else {
                    insert.setString(5, new String(event.metadataJson(), StandardCharsets.UTF_8));
                }
                insert.addBatch();
            }
            insert.executeBatch(); // rewritten batches report SUCCESS_NO_INFO, not row counts
            connection.commit();
            return events.size();
        } catch (SQLException e) {
            insert.clearBatch();
            throw rollback(e);
        }
    }

    public long unnest(List<Event> events) throws SQLException {
        int n = events.size();
        String[] eventIds = new String[n];
        String[] eventTypes = new String[n];
        long[] institutionIds = new long[n];
        String[] occurredAt = new String[n];
        String[] metadata = new String[n];
        for (int i = 0; i < n; i++) {
            Event event = events.get(i);
            eventIds[i] = event.eventId();
            eventTypes[i] = event.eventType();
            institutionIds[i] = event.institutionId();
            occurredAt[i] = event.occurredAt().toString();
            metadata[i] = event.metadataJson() == null ? null : new String(event.metadataJson(), StandardCharsets.UTF_8);
        }
        try {
            unnest.setArray(1, pgConnection.createArrayOf("text", eventIds));
            unnest.setArray(2, pgConnection.createArrayOf("text", eventTypes));
            // PGConnection's createArrayOf, unlike Connection's, takes a primitive long[] without boxing.
            unnest.setArray(3, pgConnection.createArrayOf("int8", institutionIds));
            unnest.setArray(4, pgConnection.createArrayOf("timestamptz", occurredAt));
            unnest.setArray(5, pgConnection.createArrayOf("jsonb", metadata));
            long rows = unnest.executeUpdate();
            connection.commit();
            return rows;
        } catch (SQLException e) {
            throw rollback(e);
        }
    }

    /** The same steps as the service's EventStore: one COPY of the whole buffer, then commit. */
    private long copy(String sql) throws SQLException {
        try {
            CopyIn copyIn = copyManager.copyIn(sql);
            long rows;
            try {
                copyIn.writeToCopy(buffer.array(), 0, buffer.length());
                rows = copyIn.endCopy();
            } finally {
                if (copyIn.isActive()) {
                    copyIn.cancelCopy();
                }
            }
            connection.commit();
            return rows;
        } catch (SQLException e) {
            throw rollback(e);
        }
    }

    private SQLException rollback(SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
        return cause;
    }

    @Override
    public void close() throws SQLException {
        try {
            insert.close();
            unnest.close();
        } finally {
            connection.close();
        }
    }
}
