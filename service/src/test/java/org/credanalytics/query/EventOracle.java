package org.credanalytics.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.credanalytics.ingest.Event;

/**
 * Computes the dashboard answers straight from the events, in plain Java: the independent
 * truth that rollups plus tail are compared against.
 */
public final class EventOracle {
    public record Expected(long issued, long views, long shares, Set<String> recipients, Set<String> viewers,
                    BigDecimal processingSum, long processingCount, Map<String, Long> events) {
        Double avg() {
            return DashboardQueries.average(processingSum, processingCount);
        }
    }

    /** Metadata as the generator wrote it, decoded once. */
    public record Stored(Event event, Map<String, Object> metadata) {
    }

    private final List<Stored> events;

    public EventOracle(Collection<Stored> events) {
        this.events = new ArrayList<>(events);
    }

    Map<LocalDate, Expected> activity(long institutionId, QueryRange range, Function<LocalDate, LocalDate> period) {
        Map<LocalDate, List<Stored>> grouped = new TreeMap<>();
        for (Stored stored : inRange(institutionId, range)) {
            LocalDate local = stored.event().occurredAt().atZone(range.tz()).toLocalDate();
            grouped.computeIfAbsent(period.apply(local), p -> new ArrayList<>()).add(stored);
        }
        Map<LocalDate, Expected> expected = new TreeMap<>();
        grouped.forEach((p, list) -> expected.put(p, totals(list)));
        return expected;
    }

    Map<String, long[]> geo(Long institutionId, QueryRange range) {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Set<String>> recipients = new HashMap<>();
        for (Stored stored : inRange(institutionId, range)) {
            if (stored.event().eventType().equals("credential_issued")) {
                String location = text(stored.metadata().get("recipient_location"), "unknown");
                counts.merge(location, 1L, Long::sum);
                Object recipient = stored.metadata().get("recipient_id");
                Set<String> set = recipients.computeIfAbsent(location, l -> new HashSet<>());
                if (recipient != null) {
                    set.add(recipient.toString());
                }
            }
        }
        Map<String, long[]> result = new HashMap<>();
        counts.forEach((location, n) -> result.put(location, new long[] {n, recipients.get(location).size()}));
        return result;
    }

    Map<String, Long> credentialTypes(long institutionId, QueryRange range) {
        Map<String, Long> counts = new HashMap<>();
        for (Stored stored : inRange(institutionId, range)) {
            if (stored.event().eventType().equals("credential_issued")) {
                counts.merge(text(stored.metadata().get("credential_type"), "unknown"), 1L, Long::sum);
            }
        }
        return counts;
    }

    Expected total(Long institutionId, QueryRange range) {
        return totals(inRange(institutionId, range));
    }

    Map<Long, Expected> perInstitution(QueryRange range) {
        Map<Long, List<Stored>> grouped = new TreeMap<>();
        for (Stored stored : inRange(null, range)) {
            grouped.computeIfAbsent(stored.event().institutionId(), i -> new ArrayList<>()).add(stored);
        }
        Map<Long, Expected> result = new TreeMap<>();
        grouped.forEach((id, list) -> result.put(id, totals(list)));
        return result;
    }

    private List<Stored> inRange(Long institutionId, QueryRange range) {
        return events.stream()
                .filter(s -> institutionId == null || s.event().institutionId() == institutionId)
                .filter(s -> !s.event().occurredAt().isBefore(range.fromInstant().toInstant())
                        && s.event().occurredAt().isBefore(range.toInstant().toInstant()))
                .toList();
    }

    private static Expected totals(List<Stored> list) {
        long issued = 0;
        long views = 0;
        long shares = 0;
        Set<String> recipients = new HashSet<>();
        Set<String> viewers = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        long count = 0;
        Map<String, Long> events = new TreeMap<>();
        for (Stored stored : list) {
            String type = stored.event().eventType();
            events.merge(type, 1L, Long::sum);
            Map<String, Object> metadata = stored.metadata();
            switch (type) {
                case "credential_issued" -> {
                    issued++;
                    if (metadata.get("recipient_id") != null) {
                        recipients.add(metadata.get("recipient_id").toString());
                    }
                    if (metadata.get("processing_time_ms") instanceof Number n && n.doubleValue() >= 0) {
                        sum = sum.add(new BigDecimal(n.toString()));
                        count++;
                    }
                }
                case "credential_viewed" -> {
                    views++;
                    if (metadata.get("viewer_id") != null) {
                        viewers.add(metadata.get("viewer_id").toString());
                    }
                }
                case "credential_shared" -> shares++;
                default -> { }
            }
        }
        return new Expected(issued, views, shares, recipients, viewers, sum, count, events);
    }

    private static String text(Object value, String fallback) {
        return value == null || value.toString().isEmpty() ? fallback : value.toString();
    }

    static ZoneId utc() {
        return ZoneId.of("UTC");
    }
}
