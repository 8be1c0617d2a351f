package org.credanalytics.rollup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The rollup job's meters: step duration, rows written, ids aggregated, failures, and lag. */
public final class RollupMetrics {
    public static final String STEP_DURATION = "analytics.rollup.step.duration";
    public static final String ROWS = "analytics.rollup.rows";
    public static final String IDS = "analytics.rollup.ids";
    public static final String FAILURES = "analytics.rollup.failures";
    public static final String FOLDED = "analytics.rollup.folded.events";
    public static final String LAG_IDS = "analytics.rollup.lag.ids";
    public static final String LAG_SECONDS = "analytics.rollup.lag.seconds";

    private final Timer stepDuration;
    private final Counter rows;
    private final Counter ids;
    private final Counter failures;
    private final Map<RollupDimension, Counter> folded = new EnumMap<>(RollupDimension.class);
    private final AtomicLong lastId = new AtomicLong();
    private final AtomicLong horizon = new AtomicLong();
    private final AtomicLong caughtUpAtMillis = new AtomicLong(System.currentTimeMillis());

    public RollupMetrics(MeterRegistry registry) {
        stepDuration = Timer.builder(STEP_DURATION).description("Duration of one rollup transaction")
                .publishPercentileHistogram().register(registry);
        rows = Counter.builder(ROWS).description("Rollup rows inserted or merged").baseUnit("rows").register(registry);
        // No base unit: the exposed name is analytics_rollup_ids_total, as the dashboards expect.
        ids = Counter.builder(IDS).description("Event ids aggregated by the rollup job (gaps included)")
                .register(registry);
        failures = Counter.builder(FAILURES).description("Rollup ticks that failed and will be retried").register(registry);
        for (RollupDimension dimension : RollupDimension.CAPPED) {
            folded.put(dimension, Counter.builder(FOLDED)
                    .description("Issued credentials counted as 'other' because their institution's day had"
                            + " rollup.maxValuesPerDay distinct values of the dimension already")
                    .tag("dimension", dimension.toString()).register(registry));
        }
        Gauge.builder(LAG_IDS, this, m -> Math.max(0, m.horizon.get() - m.lastId.get()))
                .description("Event ids stored but not yet aggregated, at the last tick").baseUnit("events").register(registry);
        Gauge.builder(LAG_SECONDS, this, m -> m.lagMillis() / 1000.0)
                .description("Age of the newest state the rollups are known to include").baseUnit("seconds").register(registry);
    }

    void stepped(RollupStep.Result result, long nanos) {
        stepDuration.record(nanos, TimeUnit.NANOSECONDS);
        rows.increment(result.rowsWritten());
        ids.increment(result.toId() - result.fromId());
        lastId.set(result.toId());
        horizon.set(result.horizon());
        result.folded().forEach((dimension, events) -> folded.get(dimension).increment(events));
    }

    void caughtUp(long horizonReadAtMillis, long caughtUpHorizon) {
        caughtUpAtMillis.set(horizonReadAtMillis);
        horizon.set(caughtUpHorizon);
    }

    /** How long ago the job last caught up with the stored events (since start, before the first time). */
    long lagMillis() {
        return System.currentTimeMillis() - caughtUpAtMillis.get();
    }

    void failed() {
        failures.increment();
    }
}
