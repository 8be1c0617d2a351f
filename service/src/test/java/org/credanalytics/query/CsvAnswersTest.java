package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.credanalytics.query.QueryResponses.Activity;
import org.credanalytics.query.QueryResponses.ActivityPoint;
import org.credanalytics.query.QueryResponses.AnswerHeader;
import org.credanalytics.query.QueryResponses.ComparableAnswer;
import org.credanalytics.query.QueryResponses.CredentialType;
import org.credanalytics.query.QueryResponses.CredentialTypes;
import org.credanalytics.query.QueryResponses.Funnel;
import org.credanalytics.query.QueryResponses.FunnelStage;
import org.credanalytics.query.QueryResponses.Geo;
import org.credanalytics.query.QueryResponses.InstitutionTotals;
import org.credanalytics.query.QueryResponses.Leaderboard;
import org.credanalytics.query.QueryResponses.Location;
import org.credanalytics.query.QueryResponses.PlatformGeo;
import org.credanalytics.query.QueryResponses.Summary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CsvAnswersTest {
    private static final LocalDate FROM = LocalDate.parse("2026-03-01");
    private static final LocalDate TO = LocalDate.parse("2026-03-08");
    private static final QueryRange RANGE = new QueryRange(FROM, TO, ZoneOffset.UTC);
    private static final QueryRange WEEK_BEFORE = new QueryRange(LocalDate.parse("2026-02-22"), FROM, ZoneOffset.UTC);
    private static final Instant AS_OF = Instant.parse("2026-03-07T12:00:00Z");

    private final CsvAnswers writer = new CsvAnswers();

    @Test
    void writesEveryDescribedAnswerAndNothingElse() {
        for (DashboardEndpoint endpoint : DashboardEndpoint.values()) {
            assertThat(writer.isWriteable(endpoint.answerType(), endpoint.answerType(), new Annotation[0],
                    MediaType.valueOf(CsvAnswers.MEDIA_TYPE))).as(endpoint.name()).isTrue();
        }
        for (Class<?> other : List.of(String.class, AnswerHeader.class, Location.class)) {
            assertThat(writer.isWriteable(other, other, new Annotation[0], MediaType.valueOf(CsvAnswers.MEDIA_TYPE)))
                    .as(other.getSimpleName()).isFalse();
        }
    }

    @Test
    void geoIsOneRowPerLocationQuotedAndInertWithItsFileName() throws IOException {
        Geo geo = new Geo(header(7), List.of(new Location("Paris, \"FR\"", 5, 4), new Location("=cmd()", 1, 1)), null);
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

        String csv = write(geo, headers);

        assertThat(csv).isEqualTo("location,credentials_issued,unique_recipients\r\n"
                + "\"Paris, \"\"FR\"\"\",5,4\r\n"
                + "'=cmd(),1,1\r\n");
        assertThat(headers.getFirst("Content-Type")).isEqualTo("text/csv;charset=utf-8");
        assertThat(headers.getFirst("Content-Disposition"))
                .isEqualTo("attachment; filename=\"institution-7-geo-2026-03-01-to-2026-03-08.csv\"");
    }

    /** DE: 4 before, 5 now, +25 %; FR had none before, so nothing to compare. */
    @Test
    void comparedGeoAddsThePreviousCountAndTheChange() throws IOException {
        Geo now = new Geo(header(7), List.of(new Location("DE", 5, 4), new Location("FR", 1, 1)), null);
        Geo before = new Geo(header(7), List.of(new Location("DE", 4, 4)), null);

        assertThat(compared(now, before)).isEqualTo("location,credentials_issued,unique_recipients,"
                + "previous_credentials_issued,change_percent\r\n"
                + "DE,5,4,4,25.0\r\n"
                + "FR,1,1,,\r\n");
    }

    /** Counts 10, 5, 1 against 8, 4, 2: +25 %, +25 %, -50 %. */
    @Test
    void comparedFunnelHasOneRowPerStage() throws IOException {
        Funnel now = new Funnel(header(3), List.of(new FunnelStage("issued", 10, null, 1.0),
                new FunnelStage("viewed", 5, 0.5, 0.5), new FunnelStage("shared", 1, 0.2, 0.1)), null);
        Funnel before = new Funnel(header(3), List.of(new FunnelStage("issued", 8, null, 1.0),
                new FunnelStage("viewed", 4, 0.5, 0.5), new FunnelStage("shared", 2, 0.5, 0.25)), null);

        assertThat(compared(now, before)).isEqualTo("stage,count,rate_from_previous,rate_from_issued,previous_count,change_percent\r\n"
                + "issued,10,,1.0,8,25.0\r\n"
                + "viewed,5,0.5,0.5,4,25.0\r\n"
                + "shared,1,0.2,0.1,2,-50.0\r\n");
    }

    /** Two periods now, one before: the second row's previous_* columns are empty. */
    @Test
    void comparedActivityPutsPeriodsSideBySide() {
        Activity now = new Activity(header(7), "week", List.of(point("2026-03-01", 3, 150.0), point("2026-03-08", 0, null)),
                null);
        Activity before = new Activity(header(7), "week", List.of(point("2026-02-22", 2, 100.0)), null);

        CsvTables.Table table = CsvAnswers.table(Compare.PREVIOUS_PERIOD.attach(now, WEEK_BEFORE, before));

        assertThat(table.name()).isEqualTo("institution-7-activity-by-week-2026-03-01-to-2026-03-08");
        assertThat(String.join(",", table.columns())).isEqualTo("period,credentials_issued,unique_recipients,"
                + "avg_processing_time_ms,views,shares,unique_viewers,previous_period,previous_credentials_issued,"
                + "previous_unique_recipients,previous_avg_processing_time_ms,previous_views,previous_shares,"
                + "previous_unique_viewers");
        assertThat(table.rows()).containsExactly(
                List.of("2026-03-01", 3L, 3L, 150.0, 6L, 1L, 2L, "2026-02-22", 2L, 2L, 100.0, 4L, 1L, 2L),
                Arrays.asList("2026-03-08", 0L, 0L, null, 0L, 1L, 2L, null, null, null, null, null, null, null));
    }

    @Test
    void summaryIsOneRowWithItsRange() throws IOException {
        Summary summary = new Summary(header(7), 10, 9, 1250.5, 30, 4, 12, Map.of("credential_issued", 10L),
                List.of(new CredentialType("diploma", 10)), null);

        assertThat(write(summary, new MultivaluedHashMap<>())).isEqualTo(
                "from,to,tz,credentials_issued,unique_recipients,avg_processing_time_ms,views,shares,unique_viewers\r\n"
                        + "2026-03-01,2026-03-08,UTC,10,9,1250.5,30,4,12\r\n");
    }

    @Test
    void credentialTypesAndPlatformAnswersHaveTheirColumns() throws IOException {
        CredentialTypes types = new CredentialTypes(header(7), List.of(new CredentialType("-diploma", 2)), null);
        Leaderboard board = new Leaderboard(FROM, TO, "UTC", AS_OF,
                List.of(new InstitutionTotals(67, 4, 6, 3, 13, 400.0)));
        PlatformGeo geo = new PlatformGeo(FROM, TO, "UTC", AS_OF, List.of(new Location("NL", 8, 7)));
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

        assertThat(write(types, new MultivaluedHashMap<>()))
                .isEqualTo("credential_type,credentials_issued\r\n'-diploma,2\r\n");
        assertThat(write(board, headers)).isEqualTo(
                "institution_id,credentials_issued,views,shares,events,avg_processing_time_ms\r\n67,4,6,3,13,400.0\r\n");
        assertThat(headers.getFirst("Content-Disposition"))
                .isEqualTo("attachment; filename=\"platform-institutions-2026-03-01-to-2026-03-08.csv\"");
        assertThat(write(geo, new MultivaluedHashMap<>()))
                .isEqualTo("location,credentials_issued,unique_recipients\r\nNL,8,7\r\n");
    }

    private static AnswerHeader header(long institutionId) {
        return new AnswerHeader(institutionId, RANGE.from(), RANGE.to(), "UTC", AS_OF);
    }

    /** {@code issued} credentials to as many recipients, twice as many views, one share, two viewers. */
    private static ActivityPoint point(String period, long issued, Double avgMs) {
        return new ActivityPoint(LocalDate.parse(period), issued, issued, avgMs, 2 * issued, 1, 2, Map.of());
    }

    /** {@code now} compared with {@code before}, the week before, as CSV. */
    private <T extends ComparableAnswer<T>> String compared(T now, T before) throws IOException {
        return write(Compare.PREVIOUS_PERIOD.attach(now, WEEK_BEFORE, before), new MultivaluedHashMap<>());
    }

    private String write(Object answer, MultivaluedMap<String, Object> headers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(answer, answer.getClass(), answer.getClass(), new Annotation[0],
                MediaType.valueOf(CsvAnswers.MEDIA_TYPE), headers, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
