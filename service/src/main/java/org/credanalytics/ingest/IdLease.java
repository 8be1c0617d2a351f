package org.credanalytics.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.credanalytics.db.DirectConnections;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * Event ids for a flush written through a Citus worker, drawn on the coordinator inside a
 * transaction that stays open until the worker's transaction has committed or rolled back.
 *
 * <p>The rollup job aggregates by id range up to a horizon: the sequence's value, once every
 * writer that was in flight when it was read has ended. A worker's own writes are invisible to the
 * coordinator's {@code pg_locks}, so this transaction stands in for them there: it takes the
 * writers' advisory lock before it draws an id, and releases it ({@link #release()}) only after the
 * rows carrying those ids are committed (or gone). Any id the rollup job can see as drawn thus
 * belongs to rows that are committed, rolled back, or held by a writer it waits for.
 * Used by one writer thread only.
 */
final class IdLease implements AutoCloseable {
    private static final String LOCK_AS_WRITER = ClasspathSqlLocator.create().locate(IdLease.class, "lockAsWriter");
    private static final String DRAW_IDS = ClasspathSqlLocator.create().locate(IdLease.class, "drawIds");

    private final HeldConnection coordinator;

    IdLease(DirectConnections coordinator) {
        this.coordinator = new HeldConnection(coordinator);
    }

    /** Opens the lease's transaction and draws {@code count} ids in it. */
    long[] draw(int count) throws SQLException {
        Connection conn = connection();
        try {
            try (PreparedStatement lock = conn.prepareStatement(LOCK_AS_WRITER)) {
                lock.execute();
            } catch (SQLException staleConnection) {
                // A connection left over from before a database restart fails on first use; no id
                // was drawn yet, so a fresh connection can take over.
                close();
                conn = connection();
                try (PreparedStatement lock = conn.prepareStatement(LOCK_AS_WRITER)) {
                    lock.execute();
                }
            }
            long[] ids = new long[count];
            try (PreparedStatement draw = conn.prepareStatement(DRAW_IDS)) {
                draw.setInt(1, count);
                try (ResultSet rs = draw.executeQuery()) {
                    for (int i = 0; i < count && rs.next(); i++) {
                        ids[i] = rs.getLong(1);
                    }
                }
            }
            return ids;
        } catch (SQLException e) {
            release();
            throw e;
        }
    }

    /**
     * Ends the lease once the rows are committed or rolled back (ids of rows rolled back stay unused,
     * a harmless gap). Its transaction holds nothing but the lock (sequences are not transactional),
     * so a failure here loses nothing: the lock goes with the connection.
     */
    void release() {
        try {
            connection().commit();
        } catch (SQLException e) {
            close();
        }
    }

    /** The coordinator connection, for the statements that must run there (partitions, day announcements). */
    Connection connection() throws SQLException {
        return coordinator.get();
    }

    @Override
    public void close() {
        coordinator.close();
    }
}
