package org.credanalytics.loadgen.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.credanalytics.loadgen.gen.Event;
import org.credanalytics.loadgen.gen.EventEncoder;
import org.credanalytics.loadgen.gen.EventGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The events of a history: where in time they fall, and that the same command gives the same events. */
@Tag("fast")
class HistoryEventsTest {
    private static final long DAY = 86_400_000L;

    @Test
    void juneIsBusierThanMarchAlthoughMarchIsLaterAndGrowthFavoursIt() {
        // The year ends on 1 April 2026: March 2026 is the newest month, June 2025 nine months older.
        List<Event> events = generate(settings("--until", "2026-04-01T00:00:00Z", "--events", "100000"));
        Map<Month, Integer> perMonth = new EnumMap<>(Month.class);
        for (Event event : events) {
            perMonth.merge(date(event).getMonth(), 1, Integer::sum);
        }

        assertThat(perMonth.get(Month.JUNE)).isGreaterThan((int) (perMonth.get(Month.MARCH) * 1.2));
        assertThat(perMonth.get(Month.DECEMBER)).isGreaterThan(perMonth.get(Month.NOVEMBER));
        assertThat(perMonth.get(Month.MARCH)).isGreaterThan(perMonth.get(Month.APRIL)); // growth: April is 2025's
    }

    @Test
    void weekdaysAreBusierThanWeekendsOverAYear() {
        List<Event> events = generate(settings("--until", "2026-03-01T00:00:00Z", "--events", "100000"));
        Map<DayOfWeek, Integer> perWeekday = new EnumMap<>(DayOfWeek.class);
        for (Event event : events) {
            perWeekday.merge(date(event).getDayOfWeek(), 1, Integer::sum);
        }

        int quietestWorkday = perWeekday.entrySet().stream()
                .filter(e -> e.getKey().getValue() <= 5).mapToInt(Map.Entry::getValue).min().orElseThrow();
        assertThat(quietestWorkday).isGreaterThan(2 * perWeekday.get(DayOfWeek.SATURDAY));
        assertThat(perWeekday.get(DayOfWeek.SATURDAY)).isGreaterThan(perWeekday.get(DayOfWeek.SUNDAY));
    }

    @Test
    void everyEventLiesInTheWindowOldestFirst() {
        Instant until = Instant.parse("2026-03-01T10:15:00.123Z");
        List<Event> events = generate(settings("--until", until.toString(), "--days", "30", "--events", "50000"));

        assertThat(events).hasSize(50_000);
        long from = until.toEpochMilli() - 30 * DAY;
        long previous = Long.MIN_VALUE;
        for (Event event : events) {
            assertThat(event.occurredAtMillis()).isBetween(from, until.toEpochMilli() - 1);
            assertThat(event.occurredAtMillis()).isGreaterThanOrEqualTo(previous);
            previous = event.occurredAtMillis();
        }
        // The partial first and last days get events too, in their covered hours only.
        assertThat(events.get(0).occurredAtMillis()).isLessThan(from + DAY);
        assertThat(events.get(events.size() - 1).occurredAtMillis()).isGreaterThan(until.toEpochMilli() - DAY);
    }

    @Test
    void theSameCommandGivesTheSameEventsAndAnotherSeedOthers() {
        String[] args = {"--until", "2026-03-01T00:00:00Z", "--days", "90", "--events", "20000", "--seed", "3"};
        EventEncoder encoder = new EventEncoder();

        byte[] first = encoder.ndjson(generate(settings(args)));
        byte[] again = encoder.ndjson(generate(settings(args)));
        byte[] otherSeed = encoder.ndjson(generate(settings("--until", "2026-03-01T00:00:00Z", "--days", "90",
                "--events", "20000", "--seed", "4")));

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void eventIdsAreUniqueAndNamedAfterTheSeed() {
        List<Event> events = generate(settings("--until", "2026-03-01T00:00:00Z", "--events", "30000", "--seed", "9"));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).eventId()).isEqualTo("hist-9-" + i);
            ids.add(events.get(i).eventId());
        }
        assertThat(ids).hasSize(30_000);
        assertThat(HistoryCommand.settingsFrom("--seed", "9", "--institution", "4").runId()).isEqualTo("hist-9-i4");
    }

    @Test
    void theDefaultEndIsTheStartOfTheCurrentHourSoThatReRunsRepeatTheEvents() {
        assertThat(HistorySettings.defaultUntil(Instant.parse("2026-03-01T10:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        Instant until = HistoryCommand.settingsFrom().until();
        assertThat(until).isBeforeOrEqualTo(Instant.now()).isAfter(Instant.now().minusSeconds(3600));
    }

    @Test
    void theDailyCountsFollowTheSeasonalityAndAddUpExactly() {
        HistoryPlan plan = settings("--until", "2026-03-01T12:00:00Z", "--events", "1000003").plan();

        assertThat(plan.days()).hasSize(366); // half of 1 March 2025 and half of 1 March 2026
        assertThat(plan.days().stream().mapToLong(HistoryPlan.Day::events).sum()).isEqualTo(1_000_003);
        assertThat(plan.days().get(0).fromMillis()).isEqualTo(plan.from().toEpochMilli());
        assertThat(plan.days().get(365).toMillis()).isEqualTo(plan.until().toEpochMilli());
        HistoryPlan.Day tuesday = day(plan, LocalDate.of(2025, 6, 17));
        HistoryPlan.Day sunday = day(plan, LocalDate.of(2025, 6, 15));
        assertThat(tuesday.events()).isGreaterThan(2 * sunday.events());
    }

    @Test
    void oneInstitutionHasEveryEvent() {
        HistorySettings settings = settings("--until", "2026-03-01T00:00:00Z", "--events", "5000", "--institution", "42");
        HistoryParts parts = settings.newParts();
        List<Event> events = new ArrayList<>();
        EventGenerator generator = settings.newEvents();
        for (int i = 0; i < 5000; i++) {
            events.add(generator.nextOf(42));
        }

        assertThat(events).allSatisfy(e -> assertThat(e.institutionId()).isEqualTo(42));
        assertThat(parts.count()).isEqualTo(1);
    }

    static HistorySettings settings(String... args) {
        return HistoryCommand.settingsFrom(args);
    }

    static List<Event> generate(HistorySettings settings) {
        EventGenerator generator = settings.newEvents();
        List<Event> events = new ArrayList<>((int) settings.events());
        for (long i = 0; i < settings.events(); i++) {
            events.add(generator.next());
        }
        return events;
    }

    private static LocalDate date(Event event) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(event.occurredAtMillis()), ZoneOffset.UTC);
    }

    private static HistoryPlan.Day day(HistoryPlan plan, LocalDate date) {
        return plan.days().stream().filter(d -> d.date().equals(date)).findFirst().orElseThrow();
    }
}
