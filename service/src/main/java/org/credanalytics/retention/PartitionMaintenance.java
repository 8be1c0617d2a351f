package org.credanalytics.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.dropwizard.lifecycle.Managed;
import org.credanalytics.lifecycle.DaemonSchedules;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the raw events' daily partitions: creates them {@code partitionsAhead} days ahead, drops
 * those whose day ended more than {@code rawEvents} ago, and on Citus turns older ones columnar
 * when asked to. Runs once at start, before the service takes traffic, and then every
 * {@code checkInterval}. A partition is dropped only when the rollup job has every event in it,
 * with the job's progress row locked meanwhile; one that still has events the job hasn't reached
 * is kept until the next check. Several instances may run it: creation is serialized in the
 * database, and each drop is its own transaction.
 */
public final class PartitionMaintenance implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final Jdbi jdbi;
    private final RetentionConfiguration config;
    private final boolean citus;
    private final RetentionMetrics metrics;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public PartitionMaintenance(Jdbi jdbi, RetentionConfiguration config, boolean citus, RetentionMetrics metrics,
                                Clock clock) {
        this.jdbi = jdbi;
        this.config = config;
        this.citus = citus;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What one round did. */
    public record Round(int created, List<String> dropped, List<String> kept) {
    }

    @Override
    public void start() {
        run(); // before traffic: today's partition exists before the first event
        long interval = config.getCheckInterval().toMilliseconds();
        scheduler = DaemonSchedules.every("partition-maintenance", interval, this::runLogged);
    }

    @Override
    public void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private void runLogged() {
        try {
            run();
        } catch (RuntimeException e) {
            metrics.failed();
            LOG.warn("Partition maintenance failed; retrying in {}: {}", config.getCheckInterval(), e.toString());
        }
    }

    /** One round at the clock's current time. */
    public Round run() {
        Instant now = clock.instant();
        int created = createAhead(now);
        List<String> dropped = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        dropEndedBefore(now.minus(config.getRawEvents().toJavaDuration()), dropped, kept);
        if (citus && config.getColumnarAfter() != null) {
            jdbi.useExtension(PartitionDao.class, dao -> dao.columnarBefore(
                    now.minus(config.getColumnarAfter().toJavaDuration()).atOffset(ZoneOffset.UTC)));
        }
        List<Partition> partitions = partitions();
        metrics.observed(partitions, created, dropped.size());
        if (created > 0 || !dropped.isEmpty() || !kept.isEmpty()) {
            LOG.info("Raw-event partitions: {} created, dropped {}, kept for the rollup job {}; {} in all",
                    created, dropped, kept, partitions.size());
        }
        return new Round(created, dropped, kept);
    }

    /** Today's partition and the next {@code partitionsAhead} days'. */
    int createAhead(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i <= config.getPartitionsAhead(); i++) {
            days.add(today.plusDays(i));
        }
        return jdbi.withExtension(PartitionDao.class, dao -> dao.createPartitions(days));
    }

    /**
     * Drops every partition that ended at or before {@code cutoff} and holds no event beyond the
     * rollup job's progress. Public for tests and operators' tools, which expire on purpose.
     */
    public void dropEndedBefore(Instant cutoff, List<String> dropped, List<String> kept) {
        OffsetDateTime limit = cutoff.atOffset(ZoneOffset.UTC);
        for (Partition partition : partitions()) {
            if (partition.isOwn() && !partition.ends().isAfter(limit)) {
                if (dropIfRolledUp(partition)) {
                    dropped.add(partition.name());
                } else {
                    kept.add(partition.name());
                }
            }
        }
    }

    private boolean dropIfRolledUp(Partition partition) {
        return jdbi.inTransaction(h -> {
            PartitionDao dao = h.attach(PartitionDao.class);
            long lastId = dao.lockProgress().orElse(0L);
            dao.setLockTimeout();
            if (dao.hasEventsAfter(partition.name(), lastId)) {
                return false;
            }
            dao.drop(partition.name());
            dao.recordExpired(partition.name(), partition.ends());
            return true;
        });
    }

    public List<Partition> partitions() {
        return jdbi.withExtension(PartitionDao.class, PartitionDao::partitions);
    }
}
