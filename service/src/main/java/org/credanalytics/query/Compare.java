package org.credanalytics.query;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.credanalytics.query.QueryResponses.ComparableAnswer;
import org.credanalytics.query.QueryResponses.Comparison;

/** The {@code compare} parameter: which earlier range an answer is compared with. */
public enum Compare {
    /** The range just before, as long: whole months when the range is whole months, else days. */
    PREVIOUS_PERIOD {
        @Override
        QueryRange earlier(QueryRange range) {
            if (range.from().getDayOfMonth() == 1 && range.to().getDayOfMonth() == 1) {
                long months = Period.between(range.from(), range.to()).toTotalMonths();
                return new QueryRange(range.from().minusMonths(months), range.from(), range.tz());
            }
            long days = ChronoUnit.DAYS.between(range.from(), range.to());
            return new QueryRange(range.from().minusDays(days), range.from(), range.tz());
        }
    },
    /** The same dates a year earlier (29 February becomes the 28th). */
    PREVIOUS_YEAR {
        @Override
        QueryRange earlier(QueryRange range) {
            LocalDate from = range.from().minusYears(1);
            LocalDate to = range.to().minusYears(1);
            return new QueryRange(from, to.isAfter(from) ? to : from.plusDays(1), range.tz());
        }
    };

    abstract QueryRange earlier(QueryRange range);

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code current} carrying {@code previous} (the answer for {@link #earlier}) and the change in percent. */
    <T extends ComparableAnswer<T>> T attach(T current, QueryRange earlier, T previous) {
        Map<String, Double> change = new LinkedHashMap<>();
        Map<String, Double> before = previous.metrics();
        current.metrics().forEach((metric, now) -> change.put(metric, percentChange(before.get(metric), now)));
        return current.withComparison(new Comparison<>(label(), earlier.from(), earlier.to(), previous, change));
    }

    /** In percent, to two decimals; null when there is nothing to compare with. */
    static Double percentChange(Double before, Double now) {
        if (before == null || now == null || before == 0) {
            return null;
        }
        return Math.round((now - before) / before * 10_000) / 100.0;
    }
}
