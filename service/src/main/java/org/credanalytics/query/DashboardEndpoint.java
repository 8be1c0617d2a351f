package org.credanalytics.query;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.credanalytics.query.CsvTables.Table;
import org.credanalytics.query.QueryResponses.Activity;
import org.credanalytics.query.QueryResponses.CredentialTypes;
import org.credanalytics.query.QueryResponses.Funnel;
import org.credanalytics.query.QueryResponses.Geo;
import org.credanalytics.query.QueryResponses.Leaderboard;
import org.credanalytics.query.QueryResponses.PlatformGeo;
import org.credanalytics.query.QueryResponses.Summary;

/**
 * The dashboard endpoints, each described once: its {@code endpoint} tag in
 * {@value QueryMetrics#DURATION}, its path template, whether embed tokens may read it, and its
 * answer type with the table its CSV form holds. Its resource method carries
 * {@code @QueryEndpoint(...)}; everything else reads this: the latency timers, the embed rule of
 * {@code AccessPolicy}, conditional GETs ({@link AnswerCaching}) and {@code format=}
 * ({@link FormatParameter}), which apply to every endpoint described here and nowhere else, the CSV
 * writer, and the tests that check the OpenAPI document and the metrics against it.
 */
public enum DashboardEndpoint {
    ACTIVITY("activity", "/v1/institutions/{id}/activity", true, new CsvForm<>(Activity.class, CsvTables::activity)),
    GEO("geo", "/v1/institutions/{id}/geo", true, new CsvForm<>(Geo.class, CsvTables::geo)),
    CREDENTIAL_TYPES("credential_types", "/v1/institutions/{id}/credential-types", true,
            new CsvForm<>(CredentialTypes.class, CsvTables::credentialTypes)),
    SUMMARY("summary", "/v1/institutions/{id}/summary", true, new CsvForm<>(Summary.class, CsvTables::summary)),
    FUNNEL("funnel", "/v1/institutions/{id}/funnel", true, new CsvForm<>(Funnel.class, CsvTables::funnel)),
    PLATFORM_INSTITUTIONS("platform_institutions", "/v1/platform/institutions", false,
            new CsvForm<>(Leaderboard.class, CsvTables::leaderboard)),
    PLATFORM_GEO("platform_geo", "/v1/platform/geo", false, new CsvForm<>(PlatformGeo.class, CsvTables::platformGeo));

    private final String metricName;
    private final String path;
    private final List<String> segments;
    private final boolean embeddable;
    private final CsvForm<?> csv;

    DashboardEndpoint(String metricName, String path, boolean embeddable, CsvForm<?> csv) {
        this.metricName = metricName;
        this.path = path;
        this.segments = segments(path);
        this.embeddable = embeddable;
        this.csv = csv;
    }

    /** How an answer of type {@code T} becomes a table. */
    private record CsvForm<T>(Class<T> type, Function<T, Table> table) {
        Table of(Object answer) {
            return table.apply(type.cast(answer));
        }
    }

    /** The {@code endpoint} tag of its latency timers, e.g. {@code credential_types}. */
    public String metricName() {
        return metricName;
    }

    /** The path template, as JAX-RS and the OpenAPI document write it, e.g. {@code /v1/institutions/{id}/geo}. */
    public String path() {
        return path;
    }

    /** True when an embed token of the institution in the path may read it. */
    public boolean embeddable() {
        return embeddable;
    }

    /** The type of its answer: what the resource method returns. */
    public Class<?> answerType() {
        return csv.type();
    }

    /** {@code answer}, of {@link #answerType()}, as a table of CSV rows. */
    Table csv(Object answer) {
        return csv.of(answer);
    }

    /** The endpoint at a path made of these decoded segments ({@code v1} first), if it is one. */
    public static Optional<DashboardEndpoint> at(List<String> segments) {
        return Arrays.stream(values()).filter(endpoint -> endpoint.matches(segments)).findFirst();
    }

    /** The endpoint at a decoded path such as {@code v1/platform/geo}, with or without its leading slash. */
    public static Optional<DashboardEndpoint> at(String path) {
        return at(segments(path));
    }

    /** The endpoint whose answers are of {@code type}. */
    static Optional<DashboardEndpoint> answering(Class<?> type) {
        return Arrays.stream(values()).filter(endpoint -> endpoint.answerType().equals(type)).findFirst();
    }

    private boolean matches(List<String> path) {
        if (path.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String template = segments.get(i);
            boolean variable = template.startsWith("{") && !path.get(i).isEmpty();
            if (!variable && !template.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> segments(String path) {
        return List.of((path.startsWith("/") ? path.substring(1) : path).split("/", -1));
    }
}
