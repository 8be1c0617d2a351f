-- Per period and event type: counts, processing-time sums and unique actors (recipients of
-- issued credentials, viewers of views) of one institution, from the hourly or daily rollup plus the
-- raw events the rollup job has not reached yet. period_unit 'all' gives one row per type.
WITH buckets AS (
    SELECT <bucket> AS bucket, event_type, events, processing_time_ms_sum, processing_time_count, actors
    FROM <grain>_event_counts
    WHERE institution_id = :institution_id AND <bucket> >= :from_ts AND <bucket> < :to_ts
    UNION ALL
    SELECT analytics_<bucket>(issued_at), event_type, count(*),
           COALESCE(sum(analytics_processing_time_ms(metadata)), 0), count(analytics_processing_time_ms(metadata)),
           hll_add_agg(hll_hash_text(analytics_actor(event_type, metadata)))
    FROM analytics_events
    WHERE institution_id = :institution_id
      AND id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
      AND id > :progress_hint -- redundant (an older progress), but lets the planner see the tail is small
      AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY 1, 2
)
SELECT CASE WHEN :period_unit = 'all' THEN CAST(:from_date AS date)
            ELSE date_trunc(:period_unit, bucket AT TIME ZONE :tz)::date END AS period,
       event_type,
       sum(events)::bigint AS events,
       sum(processing_time_ms_sum) AS processing_time_ms_sum,
       sum(processing_time_count)::bigint AS processing_time_count,
       round(hll_cardinality(hll_union_agg(actors)))::bigint AS uniques
FROM buckets
GROUP BY 1, 2
