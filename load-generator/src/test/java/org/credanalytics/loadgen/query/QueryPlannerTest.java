package org.credanalytics.loadgen.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QueryPlannerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:00Z"), ZoneOffset.UTC);
    private static final Pattern RANGE = Pattern.compile("from=(\\d{4}-\\d{2}-\\d{2})&to=(\\d{4}-\\d{2}-\\d{2})");

    @Test
    void requestsCoverTheLastDaysUpToTodayWithMatchingGranularities() {
        QueryPlanner planner = new QueryPlanner(1, 1000, 1.1, "UTC", CLOCK);
        for (int i = 0; i < 5_000; i++) {
            DashboardRequest request = planner.next(i);
            Matcher range = RANGE.matcher(request.pathAndQuery());
            assertThat(range.find()).as(request.pathAndQuery()).isTrue();
            LocalDate from = LocalDate.parse(range.group(1));
            LocalDate to = LocalDate.parse(range.group(2));
            long days = ChronoUnit.DAYS.between(from, to);
            assertThat(to).as("exclusive end: today is included").isEqualTo(LocalDate.of(2026, 3, 2));
            assertThat(days).isIn(7L, 30L, 90L, 365L);
            String path = request.pathAndQuery();
            switch (request.endpoint()) {
                case ACTIVITY -> {
                    assertThat(path).matches("/v1/institutions/\\d+/activity\\?.*&granularity=(day|week|month)&tz=UTC");
                    if (days == 7) {
                        assertThat(path).contains("granularity=day");
                    }
                    if (days == 365) {
                        assertThat(path).doesNotContain("granularity=day");
                    }
                }
                case GEO -> assertThat(path).matches("/v1/institutions/\\d+/geo\\?from=.*&tz=UTC");
                case CREDENTIAL_TYPES -> assertThat(path).matches("/v1/institutions/\\d+/credential-types\\?.*&limit=10");
                case SUMMARY -> assertThat(path).matches("/v1/institutions/\\d+/summary\\?from=.*&tz=UTC");
                case PLATFORM_INSTITUTIONS -> assertThat(path).matches("/v1/platform/institutions\\?from=.*&limit=20");
                case PLATFORM_GEO -> assertThat(path).matches("/v1/platform/geo\\?from=[-0-9]+&to=[-0-9]+");
            }
        }
    }

    @Test
    void endpointsAreHitInProportionToTheirWeights() {
        QueryPlanner planner = new QueryPlanner(1, 1000, 1.1, "UTC", CLOCK);
        Map<Endpoint, Integer> counts = new EnumMap<>(Endpoint.class);
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            counts.merge(planner.next(i).endpoint(), 1, Integer::sum);
        }
        for (Endpoint endpoint : Endpoint.values()) {
            assertThat(counts.get(endpoint) / (double) n).as(endpoint.name()).isCloseTo(endpoint.weight() / 100, within(0.01));
        }
    }

    @Test
    void theSameSeedPlansTheSameRequests() {
        QueryPlanner a = new QueryPlanner(4, 1000, 1.1, "Europe/Berlin", CLOCK);
        QueryPlanner b = new QueryPlanner(4, 1000, 1.1, "Europe/Berlin", CLOCK);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.next(i)).isEqualTo(b.next(i));
        }
    }

    @Test
    void aPinnedMixDrawsOnlyItsEndpointsRangeAndGranularity() {
        QueryMix mix = new QueryMix(List.of(Endpoint.ACTIVITY, Endpoint.GEO), 365, "day");
        QueryPlanner planner = new QueryPlanner(2, 1000, 1.1, "UTC", CLOCK, mix);
        Map<Endpoint, Integer> counts = new EnumMap<>(Endpoint.class);
        for (int i = 0; i < 2_000; i++) {
            DashboardRequest request = planner.next(i);
            counts.merge(request.endpoint(), 1, Integer::sum);
            assertThat(request.pathAndQuery()).contains("from=2025-03-02&to=2026-03-02");
            if (request.endpoint() == Endpoint.ACTIVITY) {
                assertThat(request.pathAndQuery()).contains("granularity=day");
            }
        }
        assertThat(counts).containsOnlyKeys(Endpoint.ACTIVITY, Endpoint.GEO);
    }

    @Test
    void endpointsAreNamedAsInTheReport() {
        assertThat(Endpoint.byReportName("credential-types")).isEqualTo(Endpoint.CREDENTIAL_TYPES);
        assertThatThrownBy(() -> Endpoint.byReportName("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
