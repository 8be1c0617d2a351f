package org.credanalytics.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;
import org.credanalytics.ingest.IngestConfiguration;

/** The bounds on one dashboard query, so that no request can hold the database for the others. */
public class QueryConfiguration {
    /** The longest range a query may cover in months; an embed token gets at most 13 (one year compared with the last). */
    static final int EMBED_MAX_RANGE_MONTHS = 13;

    /**
     * The dashboard queries run on a pool of their own whose connections have this
     * {@code statement_timeout}; a query cancelled by it answers 503 with {@code Retry-After}.
     */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration statementTimeout = Duration.seconds(5);

    /** The longest range of one query in months, for API keys. */
    @Min(1)
    @Max(240)
    @JsonProperty
    private int maxRangeMonths = 120;

    /** The longest range of one query in months, for dashboard embed tokens. */
    @Min(1)
    @Max(EMBED_MAX_RANGE_MONTHS)
    @JsonProperty
    private int embedMaxRangeMonths = EMBED_MAX_RANGE_MONTHS;

    /**
     * On Citus: {@code nodes} runs each institution's queries on the node holding its shard and
     * spreads the platform queries over every node that can run distributed queries (Citus 11+);
     * {@code coordinator} runs them all on the configured database. Ignored on plain PostgreSQL.
     */
    @NotNull
    @JsonProperty
    private IngestConfiguration.CitusRouting citusRouting = IngestConfiguration.CitusRouting.NODES;

    public IngestConfiguration.CitusRouting getCitusRouting() {
        return citusRouting;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public int getMaxRangeMonths() {
        return maxRangeMonths;
    }

    public int getEmbedMaxRangeMonths() {
        return embedMaxRangeMonths;
    }
}
