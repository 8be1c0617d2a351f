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
import java.util.List;
import org.credanalytics.query.CsvTables.Table;

/**
 * The dashboard answers as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break, quotes doubled), written by Jackson's CSV generator. Which
 * answers, and the table each becomes, is {@link DashboardEndpoint}'s to say (see {@link CsvTables}).
 */
@Provider
@Produces(CsvAnswers.MEDIA_TYPE)
public final class CsvAnswers implements MessageBodyWriter<Object> {
    public static final String MEDIA_TYPE = "text/csv";
    /** For {@code @Produces}: CSV only when asked for, JSON for {@code Accept: *}{@code /*}. */
    public static final String MEDIA_TYPE_LOW_QUALITY = "text/csv;qs=0.5";

    /** Quotes exactly the fields that need it (by default Jackson quotes every long one). */
    private final CsvMapper mapper = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return DashboardEndpoint.answering(type).isPresent();
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

    static Table table(Object answer) {
        return DashboardEndpoint.answering(answer.getClass())
                .orElseThrow(() -> new IllegalArgumentException("no CSV form for " + answer.getClass().getSimpleName()))
                .csv(answer);
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
}
