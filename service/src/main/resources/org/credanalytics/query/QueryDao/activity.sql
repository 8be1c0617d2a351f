-- Per period and event type: counts, processing-time sums and unique actors (recipients of
-- issued credentials, viewers of views) of one institution, from
--  * the monthly rollup for whole UTC months, where every period is made of whole months
--    (monthsFrom = monthsTo otherwise);
--  * the hourly or daily one (<grain>) for the rest of the range, but for
--  * the split hours: UTC hours that a period boundary falls inside (local midnights of zones
--    such as +5:30 or +5:45), read from the quarter-hour rollup instead;
--  * plus the raw events the rollup job has not reached yet (<unrolled>), in quarter hours.
-- wholeRange gives one row per type for the whole range, dated fromDate.
WITH buckets AS (
    SELECT month AS bucket, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM monthly_event_counts
    WHERE institution_id = :institutionId AND month >= :monthsFrom AND month < :monthsTo
    UNION ALL
    SELECT <bucket>, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM <grain>_event_counts
    WHERE institution_id = :institutionId AND <bucket> >= :grainFrom AND <bucket> < :grainTo
      AND (<bucket> < :monthsFrom OR <bucket> >= :monthsTo)
      AND <bucket> <> ALL(:splitHours) -- a constant array: hashed, not scanned per row
    UNION ALL
    -- the edge hours: a range in a zone other than UTC reads whole UTC days (<grain> daily) between
    -- [grainFrom, grainTo), and the hours from its start to the first UTC midnight and from the last
    -- one to its end here (both spans empty when <grain> covers the range)
    SELECT hour, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM (VALUES (CAST(:from AS TIMESTAMPTZ), CAST(:grainFrom AS TIMESTAMPTZ)),
                 (CAST(:grainTo AS TIMESTAMPTZ), CAST(:to AS TIMESTAMPTZ))) AS e (lo, hi)
    CROSS JOIN LATERAL (SELECT hour, event_type, events, processing_time_ms_sum, processing_time_count,
                               actors, actors_estimate
                        FROM hourly_event_counts
                        WHERE institution_id = :institutionId AND hour >= e.lo AND hour < e.hi
                        OFFSET 0) AS h
    WHERE hour <> ALL(:splitHours)
    UNION ALL
    SELECT quarter_hour, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM unnest(:splitHours) AS s (hour)
    -- one index probe per split hour (OFFSET 0 keeps the planner from flattening it into a scan of
    -- the whole range joined to every split hour)
    CROSS JOIN LATERAL (SELECT quarter_hour, event_type, events, processing_time_ms_sum, processing_time_count,
                               actors, actors_estimate
                        FROM quarter_hourly_event_counts
                        WHERE institution_id = :institutionId
                          AND quarter_hour >= s.hour AND quarter_hour < s.hour + INTERVAL '1 hour'
                        OFFSET 0) AS q
    WHERE quarter_hour >= :from AND quarter_hour < :to
    UNION ALL
    SELECT analytics_quarter_hour(issued_at), event_type, count(*),
           COALESCE(sum(analytics_processing_time_ms(metadata)), 0), count(analytics_processing_time_ms(metadata)),
           hll_add_agg(hll_hash_text(analytics_actor(event_type, metadata))),
           hll_cardinality(hll_add_agg(hll_hash_text(analytics_actor(event_type, metadata))))
    FROM analytics_events
    WHERE institution_id = :institutionId AND <unrolled> AND issued_at >= :from AND issued_at < :to
    GROUP BY 1, 2
), periods AS (
    SELECT CASE WHEN :wholeRange THEN CAST(:fromDate AS date)
                ELSE date_trunc(:periodUnit, bucket AT TIME ZONE :tz)::date END AS period,
           event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM buckets
), sketch_counts AS (
    SELECT *, count(*) OVER (PARTITION BY period, event_type) AS sketches
    FROM periods
)
-- hll_union_agg sets up a large state per group, and hll_cardinality unpacks a sketch: together
-- they dominated a year by day. A period made of one row (a whole month from the monthly rollup, a
-- day with events in one hour only) takes the row's estimate instead; only periods of several rows
-- pay for the union. Days in UTC have a statement of their own, activityByUtcDay.sql.
SELECT period,
       event_type,
       sum(events)::bigint AS events,
       sum(processing_time_ms_sum) AS processing_time_ms_sum,
       sum(processing_time_count)::bigint AS processing_time_count,
       round(COALESCE(hll_cardinality(hll_union_agg(actors) FILTER (WHERE sketches > 1)),
                      max(actors_estimate) FILTER (WHERE sketches = 1)))::bigint AS uniques
FROM sketch_counts
GROUP BY period, event_type
