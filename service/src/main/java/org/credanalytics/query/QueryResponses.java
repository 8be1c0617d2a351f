package org.credanalytics.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the dashboard API (snake_case on the wire). */
public final class QueryResponses {
    private QueryResponses() {
    }

    /**
     * What every institution answer starts with: whose it is, its range {@code [from, to)} in
     * {@code tz}, and {@code as_of}. Unwrapped into the answer, so on the wire these are the
     * answer's own top-level fields.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AnswerHeader(long institutionId, LocalDate from, LocalDate to, String tz, Instant asOf) {
    }

    /** The totals of one period. avg_processing_time_ms is null when nothing was issued in it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ActivityPoint(LocalDate period, long credentialsIssued, long uniqueRecipients, Double avgProcessingTimeMs,
                         long views, long shares, long uniqueViewers, Map<String, Long> events) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Activity(@JsonUnwrapped AnswerHeader header, String granularity, List<ActivityPoint> points,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Comparison<Activity> comparison)
            implements ComparableAnswer<Activity> {
        /** Totals over the series; unique counts don't add up across periods, so they are not among them. */
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> totals = new LinkedHashMap<>();
            totals.put("credentials_issued", (double) points.stream().mapToLong(ActivityPoint::credentialsIssued).sum());
            totals.put("views", (double) points.stream().mapToLong(ActivityPoint::views).sum());
            totals.put("shares", (double) points.stream().mapToLong(ActivityPoint::shares).sum());
            return totals;
        }

        @Override
        public Activity withComparison(Comparison<Activity> comparison) {
            return new Activity(header, granularity, points, comparison);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Location(String location, long credentialsIssued, long uniqueRecipients) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Geo(@JsonUnwrapped AnswerHeader header, List<Location> locations,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Comparison<Geo> comparison)
            implements ComparableAnswer<Geo> {
        /** Credentials issued by location: a location the earlier range lacks has nothing to compare with. */
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> counts = new LinkedHashMap<>();
            locations.forEach(location -> counts.put(location.location(), (double) location.credentialsIssued()));
            return counts;
        }

        @Override
        public Geo withComparison(Comparison<Geo> comparison) {
            return new Geo(header, locations, comparison);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CredentialType(String credentialType, long credentialsIssued) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CredentialTypes(@JsonUnwrapped AnswerHeader header, List<CredentialType> credentialTypes,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Comparison<CredentialTypes> comparison)
            implements ComparableAnswer<CredentialTypes> {
        /** Credentials issued by type: a type outside the earlier range's top {@code limit} has nothing to compare with. */
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> counts = new LinkedHashMap<>();
            credentialTypes.forEach(type -> counts.put(type.credentialType(), (double) type.credentialsIssued()));
            return counts;
        }

        @Override
        public CredentialTypes withComparison(Comparison<CredentialTypes> comparison) {
            return new CredentialTypes(header, credentialTypes, comparison);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(@JsonUnwrapped AnswerHeader header, long credentialsIssued, long uniqueRecipients,
                          Double avgProcessingTimeMs, long views, long shares, long uniqueViewers,
                          Map<String, Long> events, List<CredentialType> topCredentialTypes,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Comparison<Summary> comparison)
            implements ComparableAnswer<Summary> {
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("credentials_issued", (double) credentialsIssued);
            metrics.put("unique_recipients", (double) uniqueRecipients);
            metrics.put("avg_processing_time_ms", avgProcessingTimeMs);
            metrics.put("views", (double) views);
            metrics.put("shares", (double) shares);
            metrics.put("unique_viewers", (double) uniqueViewers);
            return metrics;
        }

        @Override
        public Summary withComparison(Comparison<Summary> comparison) {
            return new Summary(header, credentialsIssued, uniqueRecipients, avgProcessingTimeMs, views, shares,
                    uniqueViewers, events, topCredentialTypes, comparison);
        }
    }

    /**
     * One step of the engagement funnel. The rates are ratios of event counts (views per credential
     * issued, shares per view), so they exceed 1 when credentials are viewed or shared many times;
     * null where the step they divide by has no events.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FunnelStage(String stage, long count, Double rateFromPrevious, Double rateFromIssued) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Funnel(@JsonUnwrapped AnswerHeader header, List<FunnelStage> stages,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Comparison<Funnel> comparison)
            implements ComparableAnswer<Funnel> {
        @Override
        public Map<String, Double> metrics() {
            Map<String, Double> counts = new LinkedHashMap<>();
            stages.forEach(stage -> counts.put(stage.stage(), (double) stage.count()));
            return counts;
        }

        @Override
        public Funnel withComparison(Comparison<Funnel> comparison) {
            return new Funnel(header, stages, comparison);
        }
    }

    /** An answer that can carry the same answer for an earlier range, and the change between them. */
    public interface ComparableAnswer<T> {
        /** The metrics compared, by their JSON names; a null value has nothing to compare. */
        Map<String, Double> metrics();

        T withComparison(Comparison<T> comparison);
    }

    /**
     * The same answer for the range {@code compare} names, and each metric's change from it in
     * percent (null where the earlier value is 0 or missing).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Comparison<T>(String compare, LocalDate from, LocalDate to, T previous, Map<String, Double> changePercent) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InstitutionTotals(long institutionId, long credentialsIssued, long views, long shares, long events,
                             Double avgProcessingTimeMs) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Leaderboard(LocalDate from, LocalDate to, String tz, Instant asOf, List<InstitutionTotals> institutions) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PlatformGeo(LocalDate from, LocalDate to, String tz, Instant asOf, List<Location> locations) {
    }
}
