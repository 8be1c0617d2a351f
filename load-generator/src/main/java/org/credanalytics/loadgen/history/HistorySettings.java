package org.credanalytics.loadgen.history;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.credanalytics.loadgen.Scenario;
import org.credanalytics.loadgen.gen.EventGenerator;
import org.credanalytics.loadgen.gen.GeneratorSettings;

/**
 * Everything a history import needs; {@link HistoryCommand#settingsFrom(String...)} builds it from
 * CLI arguments. The events, their ids and their times are a function of {@code seed},
 * {@code institutions}, {@code skew}, {@code institution}, {@code runId}, {@code days}, {@code until},
 * {@code events} and {@code growth} alone, so the same values import the same events again.
 *
 * @param institution null for all institutions (Zipf), else the only institution of the events
 */
public record HistorySettings(
        URI target,
        String apiKey,
        int institutions,
        double skew,
        long seed,
        int days,
        Instant until,
        long events,
        int partEvents,
        Long institution,
        String runId,
        double growth,
        boolean atomic,
        Duration requestTimeout,
        int maxBackoffs,
        Duration pollInterval,
        Duration waitTimeout,
        long maxPartBytes) {

    public HistorySettings {
        if (institution != null && institution < 1) {
            throw new IllegalArgumentException("--institution must be positive, was " + institution);
        }
        if (partEvents < 1) {
            throw new IllegalArgumentException("--part-events must be at least 1, was " + partEvents);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("--poll-interval must be positive");
        }
        if (maxBackoffs < 0) {
            throw new IllegalArgumentException("--max-backoffs must not be negative");
        }
    }

    /** Ids are {@code hist-{seed}-{n}}, or {@code hist-{seed}-i{institution}-{n}} for one institution. */
    public static String defaultRunId(long seed, Long institution) {
        return "hist-" + seed + (institution == null ? "" : "-i" + institution);
    }

    /**
     * The start of the current UTC hour. The service tells duplicates by institution, event id and
     * time, so a default end that moved with the clock would make a re-run import new events;
     * this one repeats them for an hour.
     */
    public static Instant defaultUntil(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS);
    }

    public HistoryPlan plan() {
        return HistoryPlan.of(until, days, events, new Seasonality(growth));
    }

    public GeneratorSettings generator() {
        return new GeneratorSettings(runId, seed, institutions, skew, Scenario.STEADY);
    }

    /** A fresh generator of the history's events, oldest first; events beyond {@code events} are not planned. */
    public EventGenerator newEvents() {
        return EventGenerator.atClockReadings(generator(), new SeasonalClock(plan(), seed));
    }

    /** The history cut into request bodies, generated as they are asked for. */
    public HistoryParts newParts() {
        return new HistoryParts(newEvents(), events, partEvents, institution, maxPartBytes);
    }
}
