package org.credanalytics.ingest.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.credanalytics.db.DirectConnections;
import org.credanalytics.ingest.Event;
import org.credanalytics.lifecycle.DaemonSchedules;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request to the Citus node that holds most of its rows, among the workers that can
 * take distributed writes ({@code pg_dist_node}: active primaries with synced metadata). The
 * layout (which node holds which shard's hash range) is read at start and again every
 * {@code refreshInterval}, so workers that join, leave or receive shards from the rebalancer are
 * followed within that time (and within a second after a write found a node unreachable, which is
 * how a worker's failover to its secondary shows); a request routed by a layout just changed still lands correctly,
 * since any node forwards rows to the shards' current placements. Rows whose node can't take
 * writes itself, and everything before the first successful read, go through the coordinator.
 */
public final class CitusWriteNodes implements IngestTopology {
    private static final Logger LOG = LoggerFactory.getLogger(CitusWriteNodes.class);
    private static final String WRITE_NODES = ClasspathSqlLocator.create().locate(CitusWriteNodes.class, "writeNodes");
    private static final String SHARD_OWNERS = ClasspathSqlLocator.create().locate(CitusWriteNodes.class, "shardOwners");

    private final WriteNode coordinator;
    private final Duration refreshInterval;
    /** Node connections by "host:port", kept across refreshes so the writer's lanes stay the same objects. */
    private final Map<String, WriteNode> known = new HashMap<>();
    private volatile Layout layout;
    private volatile ScheduledExecutorService refresher;
    private final AtomicLong lastPromptRefresh = new AtomicLong(System.nanoTime() - TimeUnit.SECONDS.toNanos(2));

    public CitusWriteNodes(DirectConnections coordinator, Duration refreshInterval) {
        this.coordinator = WriteNode.coordinator(coordinator);
        this.refreshInterval = refreshInterval;
        this.layout = new Layout(new int[0], new WriteNode[0]);
    }

    @Override
    public WriteNode coordinator() {
        return coordinator;
    }

    /**
     * The node holding this institution's shard, if it can take distributed statements itself;
     * the coordinator otherwise, and before the layout is first read.
     */
    public WriteNode owner(long institutionId) {
        Layout current = layout;
        return current.owners.length == 0 ? coordinator : current.owners[current.shardOf(institutionId)];
    }

    @Override
    public WriteNode route(List<Event> events) {
        Layout current = layout;
        if (current.owners.length == 0 || events.isEmpty()) {
            return coordinator;
        }
        long first = events.get(0).institutionId();
        if (events.stream().allMatch(event -> event.institutionId() == first)) {
            return current.owners[current.shardOf(first)];
        }
        // Mixed institutions: the node holding the most rows; its Citus forwards the others.
        Map<WriteNode, Integer> perNode = new HashMap<>();
        WriteNode best = coordinator;
        int bestRows = 0;
        for (Event event : events) {
            WriteNode node = current.owners[current.shardOf(event.institutionId())];
            int count = perNode.merge(node, 1, Integer::sum);
            if (count > bestRows) {
                best = node;
                bestRows = count;
            }
        }
        return best;
    }

    @Override
    public List<WriteNode> nodes() {
        return Arrays.stream(layout.owners).distinct().toList();
    }

    @Override
    public synchronized void start() {
        refresh();
        long millis = refreshInterval.toMillis();
        refresher = DaemonSchedules.every("ingest-routing-refresh", millis, this::refresh);
    }

    @Override
    public synchronized void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    /** At most one prompt refresh a second, however many flushes fail meanwhile. */
    @Override
    public void nodeUnreachable() {
        long now = System.nanoTime();
        long last = lastPromptRefresh.get();
        if (now - last < TimeUnit.SECONDS.toNanos(1) || !lastPromptRefresh.compareAndSet(last, now)) {
            return;
        }
        ScheduledExecutorService current = refresher;
        try {
            if (current != null) {
                current.execute(this::refresh);
            }
        } catch (RejectedExecutionException stopping) {
            // the writer is shutting down
        }
    }

    /** Reads the layout again; on failure keeps the previous one and tries again next time. */
    public synchronized void refresh() {
        try (Connection c = coordinator.connections().open()) {
            Map<Integer, WriteNode> byGroup = writeNodes(c);
            layout = shardOwners(c, byGroup);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not read the Citus layout for ingest routing; keeping the previous one: {}", e.getMessage());
        }
    }

    private Map<Integer, WriteNode> writeNodes(Connection c) throws SQLException {
        Map<Integer, WriteNode> byGroup = new HashMap<>();
        byGroup.put(0, coordinator);
        try (PreparedStatement query = c.prepareStatement(WRITE_NODES); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                String host = rs.getString("nodename");
                int port = rs.getInt("nodeport");
                WriteNode node = known.computeIfAbsent(host + ":" + port,
                        name -> WriteNode.worker(host, port, coordinator.connections()));
                byGroup.put(rs.getInt("groupid"), node);
            }
        }
        return byGroup;
    }

    private Layout shardOwners(Connection c, Map<Integer, WriteNode> byGroup) throws SQLException {
        List<Integer> minHashes = new ArrayList<>();
        List<WriteNode> owners = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(SHARD_OWNERS); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                minHashes.add(rs.getInt("min_hash"));
                owners.add(byGroup.getOrDefault(rs.getInt("groupid"), coordinator));
            }
        }
        return new Layout(minHashes.stream().mapToInt(Integer::intValue).toArray(), owners.toArray(WriteNode[]::new));
    }

    /** Shards in hash order: the lowest hash of each, and the node that holds it. */
    private record Layout(int[] minHashes, WriteNode[] owners) {
        int shardOf(long institutionId) {
            int at = Arrays.binarySearch(minHashes, CitusHash.ofBigint(institutionId));
            return at >= 0 ? at : Math.max(0, -at - 2);
        }
    }
}
