package org.credanalytics.query;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.credanalytics.query.QueryResponses.Activity;
import org.credanalytics.query.QueryResponses.ActivityPoint;
import org.credanalytics.query.QueryResponses.ComparableAnswer;
import org.credanalytics.query.QueryResponses.Comparison;
import org.credanalytics.query.QueryResponses.CredentialTypes;
import org.credanalytics.query.QueryResponses.Funnel;
import org.credanalytics.query.QueryResponses.FunnelStage;
import org.credanalytics.query.QueryResponses.Geo;
import org.credanalytics.query.QueryResponses.Leaderboard;
import org.credanalytics.query.QueryResponses.PlatformGeo;
import org.credanalytics.query.QueryResponses.Summary;

/**
 * The dashboard answers as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break, quotes doubled), written by Jackson's CSV generator. One row
 * per period, location, type, stage or institution; with {@code compare}, the earlier range's
 * values in {@code previous_*} columns (periods side by side in order) and the change in
 * {@code change_percent*} columns. {@code as_of} is not in the rows, so an unchanged answer is the
 * same file.
 */
@Provider
@Produces(CsvAnswers.MEDIA_TYPE)
public final class CsvAnswers implements MessageBodyWriter<Object> {
    public static final String MEDIA_TYPE = "text/csv";
    /** For {@code @Produces}: CSV only when asked for, JSON for {@code Accept: *}{@code /*}. */
    public static final String MEDIA_TYPE_LOW_QUALITY = "text/csv;qs=0.5";

    private static final List<String> SUMMARY_METRICS = List.of("credentials_issued", "unique_recipients",
            "avg_processing_time_ms", "views", "shares", "unique_viewers");
    private static final List<String> POINT_COLUMNS = List.of("period", "credentials_issued", "unique_recipients",
            "avg_processing_time_ms", "views", "shares", "unique_viewers");

    /** Quotes exactly the fields that need it (by default Jackson quotes every long one). */
    private final CsvMapper mapper = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    /** Columns and rows, and the file name a download gets. */
    record Table(String name, List<String> columns, List<List<Object>> rows) {
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Stream.of(Activity.class, Summary.class, Funnel.class, Geo.class, CredentialTypes.class,
                Leaderboard.class, PlatformGeo.class).anyMatch(type::equals);
    }

    @Override
    public void writeTo(Object answer, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        Table table = table(answer);
        headers.putSingle("Content-Type", MEDIA_TYPE + ";charset=utf-8");
        headers.putSingle("Content-Disposition", "attachment; filename=\"" + table.name() + ".csv\"");
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        table.columns().forEach(schema::addColumn);
        try (SequenceWriter rows = mapper.writer(schema.build()).writeValues(out)) {
            for (List<Object> row : table.rows()) {
                rows.write(row.stream().map(CsvAnswers::inert).toList());
            }
        }
    }

    /**
     * A text cell that a spreadsheet would run as a formula (it starts with {@code =}, {@code +},
     * {@code -}, {@code @}, a tab or a carriage return) gets a leading {@code '}, OWASP's rule
     * against CSV injection: credential types and locations come from whoever holds an ingest key.
     * Numbers are never text here, so a negative number stays a number.
     */
    static Object inert(Object cell) {
        if (cell instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return cell;
    }

    static Table table(Object answer) {
        if (answer instanceof Activity a) {
            return activity(a);
        } else if (answer instanceof Summary s) {
            return summary(s);
        } else if (answer instanceof Funnel f) {
            return funnel(f);
        } else if (answer instanceof Geo g) {
            return ranked(new Table(name(g.institutionId(), "geo", g.from(), g.to()),
                    List.of("location", "credentials_issued", "unique_recipients"),
                    g.locations().stream().map(l -> row(l.location(), l.credentialsIssued(), l.uniqueRecipients())).toList()),
                    g.comparison());
        } else if (answer instanceof CredentialTypes c) {
            return ranked(new Table(name(c.institutionId(), "credential-types", c.from(), c.to()),
                    List.of("credential_type", "credentials_issued"),
                    c.credentialTypes().stream().map(t -> row(t.credentialType(), t.credentialsIssued())).toList()),
                    c.comparison());
        } else if (answer instanceof Leaderboard l) {
            return new Table("platform-institutions-" + l.from() + "-to-" + l.to(),
                    List.of("institution_id", "credentials_issued", "views", "shares", "events", "avg_processing_time_ms"),
                    l.institutions().stream().map(i -> row(i.institutionId(), i.credentialsIssued(), i.views(), i.shares(),
                            i.events(), i.avgProcessingTimeMs())).toList());
        } else if (answer instanceof PlatformGeo p) {
            return new Table("platform-geo-" + p.from() + "-to-" + p.to(),
                    List.of("location", "credentials_issued", "unique_recipients"),
                    p.locations().stream().map(l -> row(l.location(), l.credentialsIssued(), l.uniqueRecipients())).toList());
        }
        throw new IllegalArgumentException("no CSV form for " + answer.getClass().getSimpleName());
    }

    private static Table activity(Activity activity) {
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
        return new Table(name(activity.institutionId(), "activity-by-" + activity.granularity(), activity.from(),
                activity.to()), columns, rows);
    }

    private static List<Object> point(ActivityPoint p) {
        if (p == null) {
            return Collections.nCopies(POINT_COLUMNS.size(), null);
        }
        return row(p.period(), p.credentialsIssued(), p.uniqueRecipients(), p.avgProcessingTimeMs(), p.views(),
                p.shares(), p.uniqueViewers());
    }

    private static Table summary(Summary summary) {
        List<String> columns = new ArrayList<>(List.of("from", "to", "tz"));
        columns.addAll(SUMMARY_METRICS);
        List<Object> row = new ArrayList<>(row(summary.from(), summary.to(), summary.tz()));
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
        return new Table(name(summary.institutionId(), "summary", summary.from(), summary.to()), columns, List.of(row));
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

    private static Table funnel(Funnel funnel) {
        List<String> columns = new ArrayList<>(List.of("stage", "count", "rate_from_previous", "rate_from_issued"));
        Comparison<Funnel> comparison = funnel.comparison();
        if (comparison != null) {
            columns.addAll(List.of("previous_count", "change_percent"));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < funnel.stages().size(); i++) {
            FunnelStage stage = funnel.stages().get(i);
            List<Object> row = new ArrayList<>(row(stage.stage(), stage.count(), stage.rateFromPrevious(), stage.rateFromIssued()));
            if (comparison != null) {
                row.add(comparison.previous().stages().get(i).count());
                row.add(comparison.changePercent().get(stage.stage()));
            }
            rows.add(row);
        }
        return new Table(name(funnel.institutionId(), "funnel", funnel.from(), funnel.to()), columns, rows);
    }

    private static String name(long institutionId, String what, Object from, Object to) {
        return "institution-" + institutionId + "-" + what + "-" + from + "-to-" + to;
    }

    /** A row of numbers and text (dates in ISO form); nulls are written as empty fields. */
    private static List<Object> row(Object... values) {
        return Arrays.stream(values)
                .map(value -> value == null || value instanceof Number ? value : value.toString())
                .collect(Collectors.toCollection(ArrayList::new));
    }
}
