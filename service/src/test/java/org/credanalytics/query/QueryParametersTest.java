package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalDate;
import java.time.ZoneId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.credanalytics.api.ApiException;
import org.credanalytics.api.FieldError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The dashboard queries' parameters: what they accept, and the 400 naming the parameter for what they don't. */
@Tag("fast")
class QueryParametersTest {
    @Test
    void aRangeIsTwoDatesInAZone() {
        assertThat(QueryParameters.range("2026-03-01", "2026-04-01", "Europe/Berlin"))
                .isEqualTo(new QueryRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), ZoneId.of("Europe/Berlin")));
        assertThat(QueryParameters.range("2026-03-01", "2026-03-02", null).tz()).isEqualTo(ZoneId.of("UTC"));
        assertThat(QueryParameters.range("2026-03-01", "2026-03-02", "").tz()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void fromMustBeBeforeTo() {
        assertThat(refused(() -> QueryParameters.range("2026-03-01", "2026-03-01", "UTC")).field()).isEqualTo("to");
        assertThat(refused(() -> QueryParameters.range("2026-03-02", "2026-03-01", "UTC")).field()).isEqualTo("to");
    }

    @Test
    void datesMustBeRealCalendarDates() {
        FieldError missing = refused(() -> QueryParameters.range(null, "2026-03-01", "UTC"));
        assertThat(missing.field()).isEqualTo("from");
        assertThat(missing.message()).isEqualTo("'from' is required, as a date like 2026-03-01");

        FieldError impossible = refused(() -> QueryParameters.range("2026-02-01", "2026-02-30", "UTC"));
        assertThat(impossible.field()).isEqualTo("to");
        assertThat(impossible.message()).isEqualTo("'to' must be a date like 2026-03-01, not '2026-02-30'");

        FieldError farFuture = refused(() -> QueryParameters.range("2026-01-01", "+10000-01-01", "UTC"));
        assertThat(farFuture.field()).isEqualTo("to");
        assertThat(farFuture.message()).isEqualTo("'to' must be a date from 0001-01-01 to 9999-12-31");
    }

    @Test
    void aRangeSpansAtMostTwentyYears() {
        assertThat(QueryParameters.range("2000-01-01", "2020-01-01", "UTC").to()).isEqualTo(LocalDate.of(2020, 1, 1));
        FieldError tooLong = refused(() -> QueryParameters.range("2000-01-01", "2020-01-02", "UTC"));
        assertThat(tooLong.field()).isEqualTo("to");
        assertThat(tooLong.message()).isEqualTo("the range may span at most 20 years");
    }

    @Test
    void theZoneMustBeAKnownIanaName() {
        FieldError unknown = refused(() -> QueryParameters.range("2026-03-01", "2026-03-02", "Mars/Olympus_Mons"));
        assertThat(unknown.field()).isEqualTo("tz");
        assertThat(unknown.message()).startsWith("unknown time zone 'Mars/Olympus_Mons'");
    }

    @Test
    void theZoneMustHaveQuarterHourOffsetsWhereverTheAnswerReads() {
        // Nepal is at +05:45, a whole number of quarter hours
        assertThat(QueryParameters.range("2026-03-01", "2026-03-02", "Asia/Kathmandu").tz()).isEqualTo(ZoneId.of("Asia/Kathmandu"));
        assertThat(refused(() -> QueryParameters.range("2026-03-01", "2026-03-02", "+00:07")).field()).isEqualTo("tz");
        // Liberia was at -00:44:30 until 7 January 1972, then at UTC
        assertThat(refused(() -> QueryParameters.range("1971-06-01", "1971-06-02", "Africa/Monrovia")).field()).isEqualTo("tz");
        assertThat(QueryParameters.range("1973-03-01", "1973-03-02", "Africa/Monrovia").from()).isEqualTo(LocalDate.of(1973, 3, 1));
        // a year and a day (a comparison's reach) before 1 January 1973 is still 1971, at -00:44:30
        FieldError nearby = refused(() -> QueryParameters.range("1973-01-01", "1973-01-02", "Africa/Monrovia"));
        assertThat(nearby.message()).contains("-00:44:30").contains("in or near the range");
    }

    @Test
    void granularityIsDayUnlessSaidAndDailySeriesSpanAtMostThreeYears() {
        QueryRange threeYears = QueryParameters.range("2023-01-01", "2026-01-01", "UTC");
        QueryRange longer = QueryParameters.range("2023-01-01", "2026-01-02", "UTC");

        assertThat(QueryParameters.granularity(null, threeYears)).isEqualTo(Granularity.DAY);
        assertThat(QueryParameters.granularity("Week", longer)).isEqualTo(Granularity.WEEK);
        assertThat(QueryParameters.granularity("month", longer)).isEqualTo(Granularity.MONTH);
        assertThat(refused(() -> QueryParameters.granularity("day", longer)).message())
                .isEqualTo("a daily series may span at most 3 years; use week or month");
        assertThat(refused(() -> QueryParameters.granularity("hour", threeYears)).field()).isEqualTo("granularity");
    }

    @Test
    void compareIsAbsentOrOneOfItsLabels() {
        assertThat(QueryParameters.compare(null)).isEmpty();
        assertThat(QueryParameters.compare("")).isEmpty();
        assertThat(QueryParameters.compare("previous_period")).contains(Compare.PREVIOUS_PERIOD);
        assertThat(QueryParameters.compare("previous_year")).contains(Compare.PREVIOUS_YEAR);
        assertThat(refused(() -> QueryParameters.compare("PREVIOUS_YEAR")).message())
                .isEqualTo("compare must be previous_period or previous_year, not 'PREVIOUS_YEAR'");
    }

    @Test
    void limitIsFromOneToAThousand() {
        assertThat(QueryParameters.limit(null, 10)).isEqualTo(10);
        assertThat(QueryParameters.limit("1", 10)).isEqualTo(1);
        assertThat(QueryParameters.limit("1000", 10)).isEqualTo(1000);
        for (String bad : new String[] {"0", "1001", "-5", "ten", ""}) {
            assertThat(refused(() -> QueryParameters.limit(bad, 10)).field()).as(bad).isEqualTo("limit");
        }
    }

    @Test
    void idsArePositive64BitIntegers() {
        assertThat(QueryParameters.positiveId("id", "42")).isEqualTo(42L);
        assertThat(QueryParameters.positiveId("id", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        for (String bad : new String[] {"0", "-1", "9223372036854775808", "4 2", "x"}) {
            assertThat(refused(() -> QueryParameters.positiveId("institution_id", bad)).field()).as(bad).isEqualTo("institution_id");
        }
    }

    @Test
    void quotedValuesArePrintableAndShort() {
        assertThat(QueryParameters.shorten("a\u0000b\nc")).isEqualTo("a?b?c");
        assertThat(QueryParameters.shorten("x".repeat(41))).isEqualTo("x".repeat(40) + "…");
        assertThat(QueryParameters.shorten(null)).isEmpty();
    }

    /** The one field error of the 400 that {@code call} throws. */
    private static FieldError refused(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ApiException.class);
        ApiException e = (ApiException) thrown;
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }
}
