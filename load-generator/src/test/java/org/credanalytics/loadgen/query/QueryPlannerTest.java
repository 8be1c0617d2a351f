package org.credanalytics.loadgen.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
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
                case SUMMARY_COMPARED -> throw new AssertionError("not in the realistic mix: " + path);
                case FUNNEL -> assertThat(path).matches("/v1/institutions/\\d+/funnel\\?from=.*&tz=UTC");
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
        double totalWeight = Arrays.stream(Endpoint.values()).mapToDouble(Endpoint::weight).sum();
        for (Endpoint endpoint : Endpoint.values()) {
            assertThat(counts.getOrDefault(endpoint, 0) / (double) n).as(endpoint.name())
                    .isCloseTo(endpoint.weight() / totalWeight, within(0.01));
        }
        assertThat(counts).doesNotContainKey(Endpoint.SUMMARY_COMPARED);
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
    void funnelAndComparedSummaryAskForTheirAnswersOverTheSameRanges() {
        QueryMix mix = new QueryMix(List.of(Endpoint.FUNNEL, Endpoint.SUMMARY_COMPARED), 30, null);
        QueryPlanner planner = new QueryPlanner(3, 1000, 1.1, "Europe/Berlin", CLOCK, mix);
        Map<Endpoint, Integer> counts = new EnumMap<>(Endpoint.class);
        int n = 4_000;
        for (int i = 0; i < n; i++) {
            DashboardRequest request = planner.next(i);
            counts.merge(request.endpoint(), 1, Integer::sum);
            String range = "from=2026-01-31&to=2026-03-02&tz=Europe%2FBerlin";
            assertThat(request.pathAndQuery()).matches(request.endpoint() == Endpoint.FUNNEL
                    ? "/v1/institutions/\\d+/funnel\\?" + range
                    : "/v1/institutions/\\d+/summary\\?" + range + "&compare=previous_period");
        }
        // summary-compared has no weight of its own: chosen, it is drawn as often as funnel.
        assertThat(counts.get(Endpoint.SUMMARY_COMPARED) / (double) n).isCloseTo(0.5, within(0.03));
    }

    @Test
    void anEndpointWithoutWeightIsDrawnWhenItIsTheOnlyOneChosen() {
        QueryMix mix = new QueryMix(List.of(Endpoint.SUMMARY_COMPARED), 7, null);
        QueryPlanner planner = new QueryPlanner(5, 10, 1.1, "UTC", CLOCK, mix);
        for (int i = 0; i < 200; i++) {
            assertThat(planner.next(i).endpoint()).isEqualTo(Endpoint.SUMMARY_COMPARED);
        }
        assertThat(mix.weights()).containsExactly(1.0);
    }

    @Test
    void chosenEndpointsKeepTheirWeightsAndOnesWithoutGetTheirAverage() {
        QueryMix mix = new QueryMix(List.of(Endpoint.ACTIVITY, Endpoint.GEO, Endpoint.SUMMARY_COMPARED), 0, null);
        assertThat(mix.weights()).containsExactly(30.0, 15.0, 22.5);
        assertThat(QueryMix.REALISTIC.endpoints()).doesNotContain(Endpoint.SUMMARY_COMPARED)
                .contains(Endpoint.FUNNEL).hasSize(Endpoint.values().length - 1);
    }

    @Test
    void csvAsksEveryEndpointForCsvAndJsonAddsNothing() {
        List<Endpoint> all = List.of(Endpoint.values());
        QueryPlanner csv = new QueryPlanner(6, 1000, 1.1, "UTC", CLOCK, new QueryMix(all, 0, null, ResponseFormat.CSV));
        QueryPlanner json = new QueryPlanner(6, 1000, 1.1, "UTC", CLOCK, new QueryMix(all, 0, null, ResponseFormat.JSON));
        Map<Endpoint, Integer> counts = new EnumMap<>(Endpoint.class);
        for (int i = 0; i < 2_000; i++) {
            DashboardRequest asCsv = csv.next(i);
            DashboardRequest asJson = json.next(i);
            counts.merge(asCsv.endpoint(), 1, Integer::sum);
            assertThat(asCsv.pathAndQuery()).endsWith("&format=csv").contains("?from=");
            // The format changes nothing else, so the two formats can be compared request for request.
            assertThat(asCsv).isEqualTo(new DashboardRequest(asJson.endpoint(), asJson.pathAndQuery() + "&format=csv"));
            assertThat(asJson.pathAndQuery()).doesNotContain("format=");
        }
        assertThat(counts).containsOnlyKeys(Endpoint.values());
        assertThat(ResponseFormat.CSV.mediaType()).isEqualTo("text/csv");
        assertThat(ResponseFormat.byName(" CSV")).isEqualTo(ResponseFormat.CSV);
        assertThatThrownBy(() -> ResponseFormat.byName("xml")).hasMessageContaining("json or csv");
    }

    @Test
    void fewInstitutionsAndAPinnedRangeRepeatPaths() {
        QueryMix mix = new QueryMix(List.of(Endpoint.values()), 7, null);
        QueryPlanner planner = new QueryPlanner(7, 3, 1.1, "UTC", CLOCK, mix);
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            paths.add(planner.next(i).pathAndQuery());
        }
        // 3 institutions x 6 per-institution endpoints (activity by day only, for 7 days) + 2 platform ones.
        assertThat(paths).hasSizeLessThanOrEqualTo(3 * 6 + 2).hasSizeGreaterThan(10);
    }

    @Test
    void endpointsAreNamedAsInTheReport() {
        assertThat(Endpoint.byReportName("credential-types")).isEqualTo(Endpoint.CREDENTIAL_TYPES);
        assertThat(Endpoint.byReportName("funnel")).isEqualTo(Endpoint.FUNNEL);
        assertThat(Endpoint.byReportName("summary-compared")).isEqualTo(Endpoint.SUMMARY_COMPARED);
        assertThatThrownBy(() -> Endpoint.byReportName("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("funnel, platform-institutions");
    }

    @Test
    void theQueryCommandReadsTheNewEndpointsFormatAndRevalidation() {
        QuerySettings settings = QueryCommand.settingsFrom("--endpoints", "funnel,summary-compared", "--format", "csv",
                "--revalidate", "--institutions", "5", "--range-days", "7");

        assertThat(settings.mix().endpoints()).containsExactly(Endpoint.FUNNEL, Endpoint.SUMMARY_COMPARED);
        assertThat(settings.mix().format()).isEqualTo(ResponseFormat.CSV);
        assertThat(settings.mix().rangeDays()).isEqualTo(7);
        assertThat(settings.institutions()).isEqualTo(5);
        assertThat(settings.revalidate()).isTrue();
        QuerySettings defaults = QueryCommand.settingsFrom();
        assertThat(defaults.mix()).isEqualTo(QueryMix.REALISTIC);
        assertThat(defaults.revalidate()).isFalse();
        assertThatThrownBy(() -> QueryCommand.settingsFrom("--format", "xml")).hasMessageContaining("json or csv");
        assertThatThrownBy(() -> QueryCommand.settingsFrom("--endpoints", "funnel,nope"))
                .hasMessageContaining("unknown endpoint 'nope'");
    }
}
