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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.credanalytics.db.DirectConnections;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The writer's side of the database: one dedicated connection, replaced after a failure.
 * {@link #insert} stores a list of events in one transaction with binary COPY, all or nothing.
 * Through a Citus worker ({@link #throughWorker}), the rows carry ids leased from the coordinator
 * ({@link IdLease}), and the statements that must run on the coordinator (partitions, the days
 * announced to queries) run there. Used by a single thread only.
 */
final class EventStore implements AutoCloseable {
    private static final String FIND_EXISTING = ClasspathSqlLocator.create().locate(EventStore.class, "findExisting");
    private static final String CREATE_PARTITIONS = ClasspathSqlLocator.create().locate(EventStore.class, "createPartitions");
    private static final String ANNOUNCE_DAYS = ClasspathSqlLocator.create().locate(EventStore.class, "announceDays");
    /** A day announced this recently needs no new announcement (the rollup job keeps it for 10 minutes). */
    static final long ANNOUNCE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(5);
    /** How long a lease outlives a worker connection lost mid-write (see {@link #insert}). */
    static final long UNSETTLED_HOLD_MILLIS = 2_000;

    private final HeldConnection connection;
    /** Null when writing through the coordinator (or plain PostgreSQL) itself. */
    private final IdLease lease;
    private final BinaryCopyEncoder encoder = new BinaryCopyEncoder();
    private final CopyBuffer buffer = new CopyBuffer(1 << 20);
    /** When this store last committed an announcement of each day (System.nanoTime). */
    private final Map<LocalDate, Long> announced = new HashMap<>();

    EventStore(DirectConnections connections) {
        this(connections, null);
    }

    private EventStore(DirectConnections node, IdLease lease) {
        this.connection = new HeldConnection(node);
        this.lease = lease;
    }

    /** Writes through a Citus worker with synced metadata, with ids leased from the coordinator. */
    static EventStore throughWorker(DirectConnections worker, DirectConnections coordinator) {
        return new EventStore(worker, new IdLease(coordinator));
    }

    void insert(List<Event> events) throws SQLException {
        if (lease == null) {
            copy(events, null, unannouncedDays(events));
            return;
        }
        announceOnCoordinator(unannouncedDays(events));
        long[] ids = lease.draw(events.size());
        boolean settled = false;
        try {
            copy(events, ids, Set.of());
            settled = true;
        } catch (SQLException e) {
            settled = !SqlStates.isConnectionFailure(e);
            throw e;
        } finally {
            if (!settled) {
                // The worker may still be committing a transaction whose client went away: give
                // it time to end before the rollup job may pass its ids.
                sleepQuietly(UNSETTLED_HOLD_MILLIS);
            }
            lease.release();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Announced in a transaction of its own, before the rows: an early announcement only widens queries' raw tail. */
    private void announceOnCoordinator(Set<LocalDate> days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        try {
            announceAndCommit(lease.connection(), days);
        } catch (SQLException staleConnection) {
            lease.close(); // as in copy(): a connection from before a restart; the announcement is idempotent
            try {
                announceAndCommit(lease.connection(), days);
            } catch (SQLException e) {
                lease.close();
                throw e;
            }
        }
        long committedAt = System.nanoTime();
        days.forEach(day -> announced.put(day, committedAt));
    }

    private void copy(List<Event> events, long[] ids, Set<LocalDate> unannounced) throws SQLException {
        String copySql = ids == null ? BinaryCopyEncoder.COPY_SQL : BinaryCopyEncoder.COPY_WITH_IDS_SQL;
        buffer.reset();
        encoder.encode(events, ids, buffer);
        Connection conn = connection();
        CopyIn copyIn;
        try {
            copyIn = conn.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        } catch (SQLException staleConnection) {
            // A connection left over from before a database restart fails on first use. Nothing
            // was sent yet, so a fresh connection can take over without risk of a double write.
            closeConnection();
            conn = connection();
            copyIn = conn.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        }
        try {
            buffer.sendTo(copyIn);
            if (!unannounced.isEmpty()) {
                announce(conn, unannounced);
            }
            conn.commit();
            long committedAt = System.nanoTime();
            unannounced.forEach(day -> announced.put(day, committedAt));
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

    /** The UTC days of these events not announced in the last 5 minutes. */
    private Set<LocalDate> unannouncedDays(List<Event> events) {
        long now = System.nanoTime();
        announced.values().removeIf(at -> now - at >= ANNOUNCE_EVERY_NANOS);
        Set<LocalDate> days = new TreeSet<>();
        for (Event event : events) {
            LocalDate day = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
            if (!announced.containsKey(day)) {
                days.add(day);
            }
        }
        return days;
    }

    private static void announceAndCommit(Connection conn, Set<LocalDate> days) throws SQLException {
        announce(conn, days);
        conn.commit();
    }

    private static void announce(Connection conn, Set<LocalDate> days) throws SQLException {
        try (PreparedStatement announce = conn.prepareStatement(ANNOUNCE_DAYS)) {
            announce.setArray(1, conn.createArrayOf("date", days.toArray()));
            announce.execute();
        }
    }

    /** Creates the raw-event partitions of these UTC days where they are missing (DDL: on the coordinator). */
    void createPartitions(Set<LocalDate> days) throws SQLException {
        Connection conn = lease == null ? connection() : lease.connection();
        try (PreparedStatement create = conn.prepareStatement(CREATE_PARTITIONS)) {
            create.setArray(1, conn.createArrayOf("date", days.toArray()));
            create.execute();
            conn.commit();
        } catch (SQLException e) {
            if (lease == null) {
                rollbackQuietly(conn, e);
            } else {
                lease.close();
            }
            throw e;
        }
    }

    /** Opens the connections now, if the database is there; a failure is left to the first flush. */
    void connectQuietly() {
        try {
            connection();
            if (lease != null) {
                lease.connection();
            }
        } catch (SQLException e) {
            // the writer's first flush opens them again and reports the failure
        }
    }

    private Connection connection() throws SQLException {
        return connection.get();
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
            closeConnection(); // the connection may be broken; the next call opens a fresh one
        }
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.close();
        }
        closeConnection();
    }

    /** Closes the node's connection only: a lease still open must outlive it (see {@link IdLease}). */
    private void closeConnection() {
        connection.close();
    }

}
