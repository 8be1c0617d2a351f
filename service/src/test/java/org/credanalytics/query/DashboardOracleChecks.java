package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.credanalytics.query.EventOracle.Expected;
import org.credanalytics.query.QueryResponses.Activity;
import org.credanalytics.query.QueryResponses.ActivityPoint;

/** Every dashboard answer compared with what {@link EventOracle} computes from the same events (uniques within HLL error). */
public final class DashboardOracleChecks {
    private DashboardOracleChecks() {
    }
    public static void assertActivity(Activity actual, Map<LocalDate, Expected> expected) {
        for (ActivityPoint point : actual.points()) {
            Expected e = expected.get(point.period());
            String where = actual.header().tz() + " " + actual.granularity() + " " + point.period()
                    + " inst " + actual.header().institutionId();
            if (e == null) {
                assertThat(point.events()).as(where).isEmpty();
                continue;
            }
            assertThat(point.credentialsIssued()).as(where).isEqualTo(e.issued());
            assertThat(point.views()).as(where).isEqualTo(e.views());
            assertThat(point.shares()).as(where).isEqualTo(e.shares());
            assertThat(point.events()).as(where).isEqualTo(e.events());
            assertThat(point.avgProcessingTimeMs()).as(where).isEqualTo(e.avg());
            assertUniques(point.uniqueRecipients(), e.recipients().size(), where);
            assertUniques(point.uniqueViewers(), e.viewers().size(), where);
        }
        assertThat(actual.points().stream().filter(p -> !p.events().isEmpty()).count()).isEqualTo(expected.size());
    }
    public static void assertInstitutionDashboards(DashboardQueries queries, EventOracle oracle, QueryRange range,
                                                   long... institutions) {
        for (long institution : institutions) {
            for (Granularity granularity : Granularity.values()) {
                assertActivity(queries.activity(institution, range, granularity),
                        oracle.activity(institution, range, granularity::periodStart));
            }
            assertSummary(queries, oracle, institution, range);
            assertGeo(queries, oracle, institution, range);
        }
    }
    public static void assertSummary(DashboardQueries queries, EventOracle oracle, long institution, QueryRange range) {
        var summary = queries.summary(institution, range);
        Expected e = oracle.total(institution, range);
        assertThat(summary.credentialsIssued()).isEqualTo(e.issued());
        assertThat(summary.events()).isEqualTo(e.events());
        assertThat(summary.avgProcessingTimeMs()).isEqualTo(e.avg());
        assertUniques(summary.uniqueRecipients(), e.recipients().size(), "summary " + institution);
        Map<String, Long> types = oracle.credentialTypes(institution, range);
        assertThat(summary.topCredentialTypes()).hasSize(Math.min(5, types.size()));
        summary.topCredentialTypes().forEach(t -> assertThat(t.credentialsIssued()).isEqualTo(types.get(t.credentialType())));
    }
    public static void assertGeo(DashboardQueries queries, EventOracle oracle, long institution, QueryRange range) {
        var geo = queries.geo(institution, range);
        Map<String, long[]> expected = oracle.geo(institution, range);
        assertThat(geo.locations()).hasSize(expected.size());
        geo.locations().forEach(l -> {
            assertThat(l.credentialsIssued()).as(l.location()).isEqualTo(expected.get(l.location())[0]);
            assertUniques(l.uniqueRecipients(), expected.get(l.location())[1], "geo " + l.location());
        });
        assertThat(geo.locations()).isSortedAccordingTo((a, b) -> Long.compare(b.credentialsIssued(), a.credentialsIssued()));
    }
    public static void assertLeaderboard(DashboardQueries queries, EventOracle oracle, QueryRange range) {
        Map<Long, Expected> expected = oracle.perInstitution(range);
        var leaderboard = queries.leaderboard(range, 20);
        assertThat(leaderboard.institutions()).hasSize(expected.size());
        leaderboard.institutions().forEach(i -> {
            Expected e = expected.get(i.institutionId());
            assertThat(i.credentialsIssued()).isEqualTo(e.issued());
            assertThat(i.views()).isEqualTo(e.views());
            assertThat(i.shares()).isEqualTo(e.shares());
            assertThat(i.events()).isEqualTo(e.events().values().stream().mapToLong(Long::longValue).sum());
        });
    }
    public static void assertPlatformGeo(DashboardQueries queries, EventOracle oracle, QueryRange range) {
        Map<String, long[]> expected = oracle.geo(null, range);
        var geo = queries.platformGeo(range, 100);
        assertThat(geo.locations()).hasSize(expected.size());
        geo.locations().forEach(l -> {
            assertThat(l.credentialsIssued()).isEqualTo(expected.get(l.location())[0]);
            assertUniques(l.uniqueRecipients(), expected.get(l.location())[1], "platform geo " + l.location());
        });
    }
    public static void assertUniques(long actual, long exact, String where) {
        assertThat((double) actual).as(where + " uniques").isCloseTo(exact, org.assertj.core.data.Offset.offset(Math.max(2.0, exact * 0.06)));
    }
}
