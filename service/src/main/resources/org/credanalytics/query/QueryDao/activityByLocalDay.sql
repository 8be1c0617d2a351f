-- activity.sql for a series in a zone whose local days are kept (rollup.localDayZones,
-- local_daily_event_counts): every period, a day, an ISO week or a month, is made of whole local
-- days, one row each per event type, plus the raw tail (events the rollup job has not reached yet)
-- by local day. A period of one row (every day, unless the tail has events of it) takes the row's
-- estimate of uniques; only periods of several rows union their sketches (periodTotals, readPlan.stg).
WITH buckets AS (
    SELECT day, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM local_daily_event_counts
    WHERE institution_id = :institutionId AND zone = :localDayZone AND day >= :fromDate AND day < :toDate
    UNION ALL
    SELECT (issued_at AT TIME ZONE :localDayZone)::date, event_type, $rawEventCounts()$,
           $rawActors()$, hll_cardinality($rawActors()$)
    FROM analytics_events
    WHERE institution_id = :institutionId AND <unrolled> AND issued_at >= :from AND issued_at < :to
    GROUP BY 1, 2
), sketch_counts AS (
    -- date_trunc of a timestamp without zone: the session's TimeZone plays no part
    SELECT date_trunc(:periodUnit, day::timestamp)::date AS period, event_type, events, processing_time_ms_sum,
           processing_time_count, actors, actors_estimate,
           count(*) OVER (PARTITION BY date_trunc(:periodUnit, day::timestamp), event_type) AS sketches
    FROM buckets
)
$periodTotals()$
