-- activity.sql for a series in a zone whose local days are kept (rollup.localDayZones,
-- local_daily_event_counts): every period, a day, an ISO week or a month, is made of whole local
-- days, one row each per event type, plus the raw tail (events the rollup job has not reached yet)
-- by local day. A period of one row (every day, unless the tail has events of it) takes the row's
-- estimate of uniques; only periods of several rows union their sketches.
WITH buckets AS (
    SELECT day, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM local_daily_event_counts
    WHERE institution_id = :institutionId AND zone = :localDayZone AND day >= :fromDate AND day < :toDate
    UNION ALL
    SELECT (issued_at AT TIME ZONE :localDayZone)::date, event_type, count(*),
           COALESCE(sum(analytics_processing_time_ms(metadata)), 0), count(analytics_processing_time_ms(metadata)),
           hll_add_agg(hll_hash_text(analytics_actor(event_type, metadata))),
           hll_cardinality(hll_add_agg(hll_hash_text(analytics_actor(event_type, metadata))))
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
SELECT period,
       event_type,
       sum(events)::bigint AS events,
       sum(processing_time_ms_sum) AS processing_time_ms_sum,
       sum(processing_time_count)::bigint AS processing_time_count,
       round(COALESCE(hll_cardinality(hll_union_agg(actors) FILTER (WHERE sketches > 1)),
                      max(actors_estimate) FILTER (WHERE sketches = 1)))::bigint AS uniques
FROM sketch_counts
GROUP BY period, event_type
