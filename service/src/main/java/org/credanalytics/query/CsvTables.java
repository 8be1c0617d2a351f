package org.credanalytics.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.credanalytics.query.QueryResponses.Activity;
import org.credanalytics.query.QueryResponses.ActivityPoint;
import org.credanalytics.query.QueryResponses.AnswerHeader;
import org.credanalytics.query.QueryResponses.ComparableAnswer;
import org.credanalytics.query.QueryResponses.Comparison;
import org.credanalytics.query.QueryResponses.CredentialTypes;
import org.credanalytics.query.QueryResponses.Funnel;
import org.credanalytics.query.QueryResponses.FunnelStage;
import org.credanalytics.query.QueryResponses.Geo;
import org.credanalytics.query.QueryResponses.Leaderboard;
import org.credanalytics.query.QueryResponses.Location;
import org.credanalytics.query.QueryResponses.PlatformGeo;
import org.credanalytics.query.QueryResponses.Summary;

/**
 * Each dashboard answer as a table, the rows {@link CsvAnswers} writes: one row per period,
 * location, type, stage or institution; with {@code compare}, the earlier range's values in
 * {@code previous_*} columns (periods side by side in order) and the change in
 * {@code change_percent*} columns. {@code as_of} is not in the rows, so an unchanged answer is the
 * same file. {@link DashboardEndpoint} names the method for each answer type.
 */
final class CsvTables {
    private static final List<String> SUMMARY_METRICS = List.of("credentials_issued", "unique_recipients",
            "avg_processing_time_ms", "views", "shares", "unique_viewers");
    private static final List<String> POINT_COLUMNS = List.of("period", "credentials_issued", "unique_recipients",
            "avg_processing_time_ms", "views", "shares", "unique_viewers");
    private static final List<String> LOCATION_COLUMNS = List.of("location", "credentials_issued", "unique_recipients");

    private CsvTables() {
    }

    /** Columns and rows, and the file name a download gets. */
    record Table(String name, List<String> columns, List<List<Object>> rows) {
    }

    static Table activity(Activity activity) {
        List<String> columns = new ArrayList<>(POINT_COLUMNS);
        Comparison<Activity> comparison = activity.comparison();
        if (comparison != null) {
            POINT_COLUMNS.forEach(column -> columns.add("previous_" + column));
        }
        List<List<Object>> rows = new ArrayList<>();
        List<ActivityPoint> points = activity.points();
        List<ActivityPoint> previous = comparison == null ? List.of() : comparison.previous().points();
        for (int i = 0; i < Math.max(points.size(), previous.size()); i++) {
            List<Object> row = new ArrayList<>(point(i < points.size() ? points.get(i) : null));
            if (comparison != null) {
                row.addAll(point(i < previous.size() ? previous.get(i) : null));
            }
            rows.add(row);
        }
        return new Table(name(activity.header(), "activity-by-" + activity.granularity()), columns, rows);
    }

    private static List<Object> point(ActivityPoint p) {
        if (p == null) {
            return Collections.nCopies(POINT_COLUMNS.size(), null);
        }
        return row(p.period(), p.credentialsIssued(), p.uniqueRecipients(), p.avgProcessingTimeMs(), p.views(),
                p.shares(), p.uniqueViewers());
    }

    static Table summary(Summary summary) {
        AnswerHeader header = summary.header();
        List<String> columns = new ArrayList<>(List.of("from", "to", "tz"));
        columns.addAll(SUMMARY_METRICS);
        List<Object> row = new ArrayList<>(row(header.from(), header.to(), header.tz()));
        row.addAll(values(summary, SUMMARY_METRICS));
        Comparison<Summary> comparison = summary.comparison();
        if (comparison != null) {
            columns.addAll(List.of("previous_from", "previous_to"));
            SUMMARY_METRICS.forEach(metric -> columns.add("previous_" + metric));
            SUMMARY_METRICS.forEach(metric -> columns.add("change_percent_" + metric));
            row.addAll(row(comparison.from(), comparison.to()));
            row.addAll(values(comparison.previous(), SUMMARY_METRICS));
            SUMMARY_METRICS.forEach(metric -> row.add(comparison.changePercent().get(metric)));
        }
        return new Table(name(header, "summary"), columns, List.of(row));
    }

    /** Whole numbers without a decimal point: the metrics are doubles only to hold averages. */
    private static List<Object> values(ComparableAnswer<?> answer, List<String> metrics) {
        Map<String, Double> values = answer.metrics();
        return metrics.stream().map(metric -> {
            Double value = values.get(metric);
            return value != null && metric.startsWith("avg_") ? (Object) value
                    : value == null ? null : (Object) value.longValue();
        }).toList();
    }

    static Table geo(Geo geo) {
        return ranked(new Table(name(geo.header(), "geo"), LOCATION_COLUMNS, locations(geo.locations())), geo.comparison());
    }

    static Table credentialTypes(CredentialTypes types) {
        return ranked(new Table(name(types.header(), "credential-types"), List.of("credential_type", "credentials_issued"),
                types.credentialTypes().stream().map(t -> row(t.credentialType(), t.credentialsIssued())).toList()),
                types.comparison());
    }

    /**
     * A list of named rows (locations, types) with, under {@code compare}, each name's count in the
     * earlier range (empty when it had none there, or was outside its top) and the change.
     */
    private static <T extends ComparableAnswer<T>> Table ranked(Table table, Comparison<T> comparison) {
        if (comparison == null) {
            return table;
        }
        List<String> columns = new ArrayList<>(table.columns());
        columns.addAll(List.of("previous_credentials_issued", "change_percent"));
        Map<String, Double> before = comparison.previous().metrics();
        List<List<Object>> rows = table.rows().stream().map(row -> {
            List<Object> compared = new ArrayList<>(row);
            Double previous = before.get((String) row.get(0));
            compared.add(previous == null ? null : previous.longValue());
            compared.add(comparison.changePercent().get((String) row.get(0)));
            return compared;
        }).toList();
        return new Table(table.name(), columns, rows);
    }

    static Table funnel(Funnel funnel) {
        List<String> columns = new ArrayList<>(List.of("stage", "count", "rate_from_previous", "rate_from_issued"));
        Comparison<Funnel> comparison = funnel.comparison();
        if (comparison != null) {
            columns.addAll(List.of("previous_count", "change_percent"));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < funnel.stages().size(); i++) {
            FunnelStage stage = funnel.stages().get(i);
            List<Object> row = new ArrayList<>(
                    row(stage.stage(), stage.count(), stage.rateFromPrevious(), stage.rateFromIssued()));
            if (comparison != null) {
                row.add(comparison.previous().stages().get(i).count());
                row.add(comparison.changePercent().get(stage.stage()));
            }
            rows.add(row);
        }
        return new Table(name(funnel.header(), "funnel"), columns, rows);
    }

    static Table leaderboard(Leaderboard board) {
        return new Table("platform-institutions-" + board.from() + "-to-" + board.to(),
                List.of("institution_id", "credentials_issued", "views", "shares", "events", "avg_processing_time_ms"),
                board.institutions().stream().map(i -> row(i.institutionId(), i.credentialsIssued(), i.views(), i.shares(),
                        i.events(), i.avgProcessingTimeMs())).toList());
    }

    static Table platformGeo(PlatformGeo geo) {
        return new Table("platform-geo-" + geo.from() + "-to-" + geo.to(), LOCATION_COLUMNS, locations(geo.locations()));
    }

    private static List<List<Object>> locations(List<Location> locations) {
        return locations.stream().map(l -> row(l.location(), l.credentialsIssued(), l.uniqueRecipients())).toList();
    }

    private static String name(AnswerHeader header, String what) {
        return "institution-" + header.institutionId() + "-" + what + "-" + header.from() + "-to-" + header.to();
    }

    /** A row of numbers and text (dates in ISO form); nulls are written as empty fields. */
    private static List<Object> row(Object... values) {
        return Arrays.stream(values)
                .map(value -> value == null || value instanceof Number ? value : value.toString())
                .collect(Collectors.toCollection(ArrayList::new));
    }
}
