package org.credanalytics.rollup;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zones whose local days the rollups keep ({@code rollup.localDayZones}, table
 * {@code local_day_zones}): a series by day, week or month in one of them reads one row per local
 * day, as UTC does. Every rollup step merges into the days of every registered zone; {@link #sync}
 * makes the registered zones the configured ones, filling a new zone's days from the quarter-hour
 * rollup, with the rollup job's progress row locked so that each event is counted exactly once.
 */
public final class LocalDayZones {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDayZones.class);
    private static final OffsetDateTime BEGINNING = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime END = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

    /** No zone's local days: every series outside UTC reads hours. */
    public static final LocalDayZones NONE = new LocalDayZones(List.of());

    private final List<ZoneId> zones;

    private LocalDayZones(List<ZoneId> zones) {
        this.zones = List.copyOf(zones);
    }

    /** Registers {@code configured} (filling each new zone's days) and forgets every other zone; one transaction. */
    public static LocalDayZones sync(Jdbi jdbi, List<ZoneId> configured) {
        jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            RollupDao dao = h.attach(RollupDao.class);
            RollupStep.lockProgress(dao);
            List<String> registered = dao.localDayZones();
            List<String> wanted = configured.stream().map(ZoneId::getId).distinct().toList();
            for (String zone : registered) {
                if (!wanted.contains(zone)) {
                    int rows = dao.forgetLocalDays(zone);
                    dao.forgetLocalDayZone(zone);
                    LOG.info("local days of {} no longer kept: {} rows removed", zone, rows);
                }
            }
            for (String zone : wanted) {
                if (!registered.contains(zone)) {
                    long start = System.nanoTime();
                    dao.registerLocalDayZone(zone);
                    int rows = dao.localDaysFromQuarterHours(zone, null, BEGINNING, END, false);
                    LOG.info("local days of {} kept from now on: {} rows filled from the quarter-hour rollup in {} ms",
                            zone, rows, (System.nanoTime() - start) / 1_000_000);
                }
            }
        });
        return new LocalDayZones(configured);
    }

    /**
     * The registered zone whose days are {@code zone}'s: the same zone, or another name for the same
     * rules (Asia/Calcutta for Asia/Kolkata).
     */
    public Optional<ZoneId> keeping(ZoneId zone) {
        return zones.stream().filter(kept -> kept.getRules().equals(zone.getRules())).findFirst();
    }

    /**
     * For a recompute of one institution's [from, to) in its transaction, after the quarter-hour
     * rows were rebuilt: every registered zone's local days that overlap the range, rebuilt from them.
     */
    static long rebuild(RollupDao dao, long institutionId, OffsetDateTime from, OffsetDateTime to) {
        long rows = 0;
        for (String id : dao.localDayZones()) {
            ZoneId zone = ZoneId.of(id);
            LocalDate first = from.atZoneSameInstant(zone).toLocalDate();
            LocalDate last = to.minusNanos(1).atZoneSameInstant(zone).toLocalDate();
            dao.deleteLocalDays(id, institutionId, first, last);
            rows += dao.localDaysFromQuarterHours(id, institutionId, first.atStartOfDay(zone).toOffsetDateTime(),
                    last.plusDays(1).atStartOfDay(zone).toOffsetDateTime(), true);
        }
        return rows;
    }
}
