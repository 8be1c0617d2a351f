package org.credanalytics.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.credanalytics.db.AnalyticsJdbi;
import org.credanalytics.query.QueryResponses.Activity;
import org.credanalytics.query.QueryResponses.AnswerHeader;
import org.credanalytics.query.QueryResponses.ActivityPoint;
import org.credanalytics.query.QueryResponses.CredentialType;
import org.credanalytics.query.QueryResponses.CredentialTypes;
import org.credanalytics.query.QueryResponses.Funnel;
import org.credanalytics.query.QueryResponses.FunnelStage;
import org.credanalytics.query.QueryResponses.Geo;
import org.credanalytics.query.QueryResponses.InstitutionTotals;
import org.credanalytics.query.QueryResponses.Leaderboard;
import org.credanalytics.query.QueryResponses.Location;
import org.credanalytics.query.QueryResponses.PlatformGeo;
import org.credanalytics.query.QueryResponses.Summary;
import org.credanalytics.query.QueryRows.TypeTotals;
import org.credanalytics.rollup.LocalDayZones;
import org.credanalytics.rollup.RollupDao;
import org.credanalytics.rollup.UnrolledEvents;
import org.credanalytics.rollup.UnrolledTail;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns rollup rows into dashboard answers: fills every period of a series, derives averages from
 * sums and counts, and stamps {@code as_of}, the instant before the query began, so every event
 * acknowledged before it is included.
 */
public final class DashboardQueries {
    static final String ISSUED = "credential_issued";
    static final String VIEWED = "credential_viewed";
    static final String SHARED = "credential_shared";
    static final int SUMMARY_TOP_TYPES = 5;

    private final QueryNodes nodes;
    private final UnrolledTail tail;
    private final LocalDayZones localDays;

    private DashboardQueries(QueryNodes nodes, UnrolledTail tail, LocalDayZones localDays) {
        this.nodes = nodes;
        this.tail = tail;
        this.localDays = localDays;
    }

    /** Queries through {@code jdbi}, which gets {@code <unrolled>} defined; no zone's local days. */
    public static DashboardQueries create(Jdbi jdbi) {
        return create(jdbi, LocalDayZones.NONE);
    }

    /** As {@link #create(Jdbi)}, with series in the zones of {@code localDays} read from their local days. */
    public static DashboardQueries create(Jdbi jdbi, LocalDayZones localDays) {
        return create(QueryNodes.single(prepare(jdbi)), localDays);
    }

    /** Queries on {@code nodes}, whose Jdbis were each passed through {@link #prepare}. */
    public static DashboardQueries create(QueryNodes nodes, LocalDayZones localDays) {
        return new DashboardQueries(nodes, new UnrolledTail(nodes.coordinator().jdbi()), localDays);
    }

    /** Makes {@code jdbi} ready for the dashboard statements: {@code <unrolled>} defined, the SQL objects described. */
    public static Jdbi prepare(Jdbi jdbi) {
        UnrolledEvents.defineOn(jdbi);
        AnalyticsJdbi.describe(jdbi, QueryDao.class, RollupDao.class);
        return jdbi;
    }

    /** One request's statements: on one connection, after one read of the unrolled tail's bounds. */
    private record Reader(QueryDao dao, UnrolledTail.Bounds tail) {
    }

    private <T> T read(long institutionId, Function<Reader, T> request) {
        return read(nodes.forInstitution(institutionId), request);
    }

    private <T> T readPlatform(Function<Reader, T> request) {
        return read(nodes.forPlatform(), request);
    }

    /** On {@code node}; on the coordinator when {@code node} can't be reached (a worker failing over, say). */
    private <T> T read(QueryNodes.QueryNode node, Function<Reader, T> request) {
        try {
            return node.jdbi().withHandle(h -> request.apply(new Reader(h.attach(QueryDao.class), tail.current(h))));
        } catch (ConnectionException unreachable) {
            if (node.equals(nodes.coordinator())) {
                throw unreachable;
            }
            nodes.unreachable(node);
            return read(nodes.coordinator(), request);
        }
    }

    public Activity activity(long institutionId, QueryRange range, Granularity granularity) {
        Instant asOf = Instant.now();
        Map<LocalDate, List<TypeTotals>> byPeriod = new TreeMap<>();
        for (TypeTotals row : read(institutionId, r -> activityRows(r, institutionId, RollupRead.of(range, Optional.of(granularity))))) {
            byPeriod.computeIfAbsent(row.period(), p -> new ArrayList<>()).add(row);
        }
        List<ActivityPoint> points = granularity.periods(range.from(), range.to()).stream()
                .map(period -> point(period, byPeriod.getOrDefault(period, List.of())))
                .toList();
        return new Activity(header(institutionId, range, asOf), granularity.sqlUnit(), points, null);
    }

    public Summary summary(long institutionId, QueryRange range) {
        Instant asOf = Instant.now();
        return read(institutionId, r -> {
            ActivityPoint total = point(range.from(), activityRows(r, institutionId, RollupRead.wholeRange(range)));
            return new Summary(header(institutionId, range, asOf), total.credentialsIssued(), total.uniqueRecipients(),
                    total.avgProcessingTimeMs(), total.views(), total.shares(), total.uniqueViewers(), total.events(),
                    credentialTypeRows(r, institutionId, range, SUMMARY_TOP_TYPES), null);
        });
    }

    /** Issued, viewed and shared: the summary's counts, as a funnel with the rates between its steps. */
    public Funnel funnel(long institutionId, QueryRange range) {
        Instant asOf = Instant.now();
        ActivityPoint total = read(institutionId, r -> point(range.from(), activityRows(r, institutionId, RollupRead.wholeRange(range))));
        long issued = total.credentialsIssued();
        long viewed = total.views();
        List<FunnelStage> stages = List.of(
                new FunnelStage("issued", issued, null, ratio(issued, issued)),
                new FunnelStage("viewed", viewed, ratio(viewed, issued), ratio(viewed, issued)),
                new FunnelStage("shared", total.shares(), ratio(total.shares(), viewed), ratio(total.shares(), issued)));
        return new Funnel(header(institutionId, range, asOf), stages, null);
    }

    /** To four decimals; null when there is nothing to divide by. */
    static Double ratio(long count, long of) {
        return of == 0 ? null : Math.round(count * 10_000.0 / of) / 10_000.0;
    }

    public Geo geo(long institutionId, QueryRange range) {
        Instant asOf = Instant.now();
        return new Geo(header(institutionId, range, asOf), read(institutionId, r -> geoRows(r, institutionId, range)), null);
    }

    public CredentialTypes credentialTypes(long institutionId, QueryRange range, int limit) {
        Instant asOf = Instant.now();
        return new CredentialTypes(header(institutionId, range, asOf),
                read(institutionId, r -> credentialTypeRows(r, institutionId, range, limit)), null);
    }

    private static AnswerHeader header(long institutionId, QueryRange range, Instant asOf) {
        return new AnswerHeader(institutionId, range.from(), range.to(), range.tz().getId(), asOf);
    }

    public Leaderboard leaderboard(QueryRange range, int limit) {
        Instant asOf = Instant.now();
        return new Leaderboard(range.from(), range.to(), range.tz().getId(), asOf,
                readPlatform(r -> r.dao().leaderboard(RollupRead.wholeRange(range), limit, r.tail())).stream()
                        .map(row -> new InstitutionTotals(row.institutionId(), row.credentialsIssued(),
                                row.views(), row.shares(), row.events(),
                                average(row.processingTimeMsSum(), row.processingTimeCount())))
                        .toList());
    }

    public PlatformGeo platformGeo(QueryRange range, int limit) {
        Instant asOf = Instant.now();
        return new PlatformGeo(range.from(), range.to(), range.tz().getId(), asOf, readPlatform(r -> r.dao().platformGeo(RollupRead.wholeRange(range), limit, r.tail())));
    }

    private List<TypeTotals> activityRows(Reader r, long institutionId, RollupRead read) {
        if (read.periods().isPresent() && !read.range().zoneIsUtc()) {
            Optional<ZoneId> kept = localDays.keeping(read.range().tz());
            if (kept.isPresent()) {
                return r.dao().activityByLocalDay(institutionId, read, kept.get().getId(), r.tail());
            }
        }
        boolean utcDays = read.periods().equals(Optional.of(Granularity.DAY)) && read.range().zoneIsUtc();
        return utcDays
                ? r.dao().activityByUtcDay(institutionId, read, r.tail())
                : r.dao().activity(institutionId, read, read.grain(), r.tail());
    }

    private static List<Location> geoRows(Reader r, long institutionId, QueryRange range) {
        RollupRead read = RollupRead.wholeRange(range);
        return r.dao().geo(institutionId, read, read.grain(), r.tail());
    }

    private static List<CredentialType> credentialTypeRows(Reader r, long institutionId, QueryRange range, int limit) {
        RollupRead read = RollupRead.wholeRange(range);
        return r.dao().credentialTypes(institutionId, read, read.grain(), limit, r.tail());
    }

    private static ActivityPoint point(LocalDate period, List<TypeTotals> rows) {
        Map<String, Long> events = new TreeMap<>();
        TypeTotals issued = null;
        TypeTotals viewed = null;
        for (TypeTotals row : rows) {
            events.merge(row.eventType(), row.events(), Long::sum);
            if (ISSUED.equals(row.eventType())) {
                issued = row;
            } else if (VIEWED.equals(row.eventType())) {
                viewed = row;
            }
        }
        return new ActivityPoint(period,
                events.getOrDefault(ISSUED, 0L),
                uniques(issued),
                issued == null ? null : average(issued.processingTimeMsSum(), issued.processingTimeCount()),
                events.getOrDefault(VIEWED, 0L),
                events.getOrDefault(SHARED, 0L),
                uniques(viewed),
                events);
    }

    private static long uniques(TypeTotals row) {
        return row == null || row.uniques() == null ? 0 : row.uniques();
    }

    static Double average(BigDecimal sum, long count) {
        if (count == 0 || sum == null) {
            return null;
        }
        return sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64).doubleValue();
    }
}
