package org.credanalytics.ingest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.credanalytics.db.DirectConnections;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The writer's side of the database: one dedicated connection, replaced after a failure.
 * {@link #insert} stores a list of events in one transaction with binary COPY, all or nothing.
 * Used by a single thread only.
 */
final class EventStore implements AutoCloseable {
    private static final String FIND_EXISTING = ClasspathSqlLocator.create().locate(EventStore.class, "findExisting");
    private static final String CREATE_PARTITIONS = ClasspathSqlLocator.create().locate(EventStore.class, "createPartitions");

    private final DirectConnections connections;
    private final BinaryCopyEncoder encoder = new BinaryCopyEncoder();
    private final CopyBuffer buffer = new CopyBuffer(1 << 20);
    private Connection connection;

    EventStore(DirectConnections connections) {
        this.connections = connections;
    }

    void insert(List<Event> events) throws SQLException {
        buffer.reset();
        encoder.encode(events, buffer);
        Connection conn = connection();
        CopyIn copyIn;
        try {
            copyIn = conn.unwrap(PGConnection.class).getCopyAPI().copyIn(BinaryCopyEncoder.COPY_SQL);
        } catch (SQLException staleConnection) {
            // A connection left over from before a database restart fails on first use. Nothing
            // was sent yet, so a fresh connection can take over without risk of a double write.
            close();
            conn = connection();
            copyIn = conn.unwrap(PGConnection.class).getCopyAPI().copyIn(BinaryCopyEncoder.COPY_SQL);
        }
        try {
            try {
                copyIn.writeToCopy(buffer.array(), 0, buffer.length());
                copyIn.endCopy();
            } finally {
                if (copyIn.isActive()) {
                    copyIn.cancelCopy();
                }
            }
            conn.commit();
        } catch (SQLException e) {
            rollbackQuietly(conn, e);
            throw e;
        }
    }

    /** The keys among {@code keys} that are already stored. */
    Set<EventKey> existing(Collection<EventKey> keys) throws SQLException {
        Connection conn = connection();
        Long[] institutions = new Long[keys.size()];
        String[] eventIds = new String[keys.size()];
        OffsetDateTime[] occurredAt = new OffsetDateTime[keys.size()];
        int i = 0;
        for (EventKey key : keys) {
            institutions[i] = key.institutionId();
            occurredAt[i] = key.occurredAt().atOffset(ZoneOffset.UTC);
            eventIds[i++] = key.eventId();
        }
        Set<EventKey> found = new HashSet<>();
        try (PreparedStatement query = conn.prepareStatement(FIND_EXISTING)) {
            Array institutionArray = conn.createArrayOf("bigint", institutions);
            Array eventIdArray = conn.createArrayOf("text", eventIds);
            query.setArray(1, institutionArray);
            query.setArray(2, eventIdArray);
            query.setArray(3, conn.createArrayOf("timestamptz", occurredAt));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.add(new EventKey(rs.getLong(1), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
            conn.commit();
        } catch (SQLException e) {
            rollbackQuietly(conn, e);
            throw e;
        }
        return found;
    }

    /** Creates the raw-event partitions of these UTC days where they are missing. */
    void createPartitions(Set<LocalDate> days) throws SQLException {
        Connection conn = connection();
        try (PreparedStatement create = conn.prepareStatement(CREATE_PARTITIONS)) {
            create.setArray(1, conn.createArrayOf("date", days.toArray()));
            create.execute();
            conn.commit();
        } catch (SQLException e) {
            rollbackQuietly(conn, e);
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection fresh = connections.open();
            fresh.setAutoCommit(false);
            connection = fresh;
        }
        return connection;
    }

    private void rollbackQuietly(Connection conn, SQLException cause) {
        boolean rolledBack = true;
        try {
            conn.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
            rolledBack = false;
        }
        if (!rolledBack || !SqlStates.isDataError(cause)) {
            close(); // the connection may be broken; the next call opens a fresh one
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection; nothing to recover
            }
            connection = null;
        }
    }

}
