-- activity.sql for the commonest dashboard, days in UTC, where every period is exactly one
-- daily rollup row per event type. Such a row is the answer as it stands, its unique count the
-- estimate stored with its sketch, unless the raw tail (events the rollup job has not reached
-- yet) has events of the same day and type, or an import added rows to the day (its own rows,
-- beside the live ones: V26): only those few days union sketches. Nothing is
-- grouped or windowed over the year's rows, which made a busy institution's year by day cost
-- twice as much.
WITH tail (day, event_type, events, processing_time_ms_sum, processing_time_count, actors) AS MATERIALIZED (
    SELECT analytics_day(issued_at), event_type, $rawEventCounts()$, $rawActors()$
    FROM analytics_events
    WHERE institution_id = :institutionId AND <unrolled> AND issued_at >= :from AND issued_at < :to
    GROUP BY 1, 2
), imported AS MATERIALIZED (
    SELECT DISTINCT day
    FROM daily_event_counts
    WHERE institution_id = :institutionId AND day >= :from AND day < :to AND import_id <> 0
)
SELECT (d.day AT TIME ZONE 'UTC')::date AS period, d.event_type, d.events, d.processing_time_ms_sum,
       d.processing_time_count, round(d.actors_estimate)::bigint AS uniques
FROM daily_event_counts d
WHERE d.institution_id = :institutionId AND d.day >= :from AND d.day < :to
  AND NOT EXISTS (SELECT 1 FROM tail t WHERE t.day = d.day AND t.event_type = d.event_type)
  AND NOT EXISTS (SELECT 1 FROM imported i WHERE i.day = d.day)
UNION ALL
SELECT (day AT TIME ZONE 'UTC')::date, event_type, sum(events)::bigint, sum(processing_time_ms_sum),
       sum(processing_time_count)::bigint, round(hll_cardinality(hll_union_agg(actors)))::bigint
FROM (
    SELECT day, event_type, events, processing_time_ms_sum, processing_time_count, actors
    FROM tail
    UNION ALL
    SELECT day, event_type, events, processing_time_ms_sum, processing_time_count, actors
    FROM daily_event_counts
    WHERE institution_id = :institutionId AND day >= :from AND day < :to
      AND ((day, event_type) IN (SELECT day, event_type FROM tail) OR day IN (SELECT day FROM imported))
) touched
GROUP BY day, event_type
