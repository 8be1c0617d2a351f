-- Per period and event type: counts, processing-time sums and unique actors (recipients of
-- issued credentials, viewers of views) of one institution: whole UTC months from the monthly
-- rollup where every period is made of whole months (months_from_ts = months_to_ts otherwise),
-- the rest of the range from the hourly or daily one, plus the raw events the rollup job has not
-- reached yet. period_unit 'all' gives one row per type.
WITH buckets AS (
    SELECT month AS bucket, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM monthly_event_counts
    WHERE institution_id = :institution_id AND month >= :months_from_ts AND month < :months_to_ts
    UNION ALL
    SELECT <bucket>, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM <grain>_event_counts
    WHERE institution_id = :institution_id AND <bucket> >= :from_ts AND <bucket> < :to_ts
      AND (<bucket> < :months_from_ts OR <bucket> >= :months_to_ts)
    UNION ALL
    SELECT analytics_<bucket>(issued_at), event_type, count(*),
           COALESCE(sum(analytics_processing_time_ms(metadata)), 0), count(analytics_processing_time_ms(metadata)),
           hll_add_agg(hll_hash_text(analytics_actor(event_type, metadata))),
           hll_cardinality(hll_add_agg(hll_hash_text(analytics_actor(event_type, metadata))))
    FROM analytics_events
    WHERE institution_id = :institution_id
      AND id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
      AND id > :progress_hint -- redundant (an older progress), but lets the planner see the tail is small
      AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY 1, 2
), periods AS (
    SELECT CASE WHEN :period_unit = 'all' THEN CAST(:from_date AS date)
                ELSE date_trunc(:period_unit, bucket AT TIME ZONE :tz)::date END AS period,
           event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM buckets
), sketch_counts AS (
    SELECT *, count(*) OVER (PARTITION BY period, event_type) AS sketches
    FROM periods
)
-- hll_union_agg sets up a large state per group, and hll_cardinality unpacks a sketch: together
-- they dominated a year by day. A period made of one row (a whole month from the monthly rollup, a
-- day with events in one hour only) takes the row's estimate instead; only periods of several rows
-- pay for the union. Days in UTC have a statement of their own, activityByUtcDay.hll.sql.
SELECT period,
       event_type,
       sum(events)::bigint AS events,
       sum(processing_time_ms_sum) AS processing_time_ms_sum,
       sum(processing_time_count)::bigint AS processing_time_count,
       round(COALESCE(hll_cardinality(hll_union_agg(actors) FILTER (WHERE sketches > 1)),
                      max(actors_estimate) FILTER (WHERE sketches = 1)))::bigint AS uniques
FROM sketch_counts
GROUP BY period, event_type
