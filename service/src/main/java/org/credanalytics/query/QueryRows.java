package org.credanalytics.query;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Rows the dashboard SQL returns, mapped by Jdbi's ConstructorMapper. */
public final class QueryRows {
    private QueryRows() {
    }

    /** Totals of one event type in one period; uniques are recipients (issued) or viewers (viewed). */
    public record TypeTotals(LocalDate period, String eventType, long events, BigDecimal processingTimeMsSum,
                      long processingTimeCount, Long uniques) {
    }

    /** One institution's totals for the leaderboard, with processing time as a sum and a count, not an average. */
    public record InstitutionSums(long institutionId, long credentialsIssued, long views, long shares, long events,
                             BigDecimal processingTimeMsSum, long processingTimeCount) {
    }
}
