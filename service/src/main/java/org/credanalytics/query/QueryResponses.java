package org.credanalytics.query;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the dashboard API (snake_case on the wire). */
public final class QueryResponses {
    private QueryResponses() {
    }

    /** The totals of one period. avg_processing_time_ms is null when nothing was issued in it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ActivityPoint(LocalDate period, long credentialsIssued, long uniqueRecipients, Double avgProcessingTimeMs,
                         long views, long shares, long uniqueViewers, Map<String, Long> events) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Activity(long institutionId, String granularity, String tz, Instant asOf, LocalDate from, LocalDate to,
                    List<ActivityPoint> points) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Location(String location, long credentialsIssued, long uniqueRecipients) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Geo(long institutionId, LocalDate from, LocalDate to, String tz, Instant asOf, List<Location> locations) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CredentialType(String credentialType, long credentialsIssued) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CredentialTypes(long institutionId, LocalDate from, LocalDate to, String tz, Instant asOf,
                           List<CredentialType> credentialTypes) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(long institutionId, LocalDate from, LocalDate to, String tz, Instant asOf, long credentialsIssued,
                   long uniqueRecipients, Double avgProcessingTimeMs, long views, long shares, long uniqueViewers,
                   Map<String, Long> events, List<CredentialType> topCredentialTypes) {
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
