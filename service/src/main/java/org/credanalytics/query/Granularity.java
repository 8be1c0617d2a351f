package org.credanalytics.query;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Period sizes of the activity series: days, ISO weeks (labelled with their Monday), months (their 1st). */
public enum Granularity {
    DAY, WEEK, MONTH;

    /** The unit name PostgreSQL's date_trunc uses for this granularity. */
    String sqlUnit() {
        return name().toLowerCase(Locale.ROOT);
    }

    LocalDate periodStart(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** Every period that overlaps [from, to), in order. */
    List<LocalDate> periods(LocalDate from, LocalDate to) {
        List<LocalDate> periods = new ArrayList<>();
        for (LocalDate start = periodStart(from); start.isBefore(to); start = next(start)) {
            periods.add(start);
        }
        return periods;
    }

    private LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }
}
