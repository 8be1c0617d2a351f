-- One zone's local days rebuilt from the quarter-hour rollup, which holds every rolled-up event
-- (also those whose raw events expired): all institutions' whole history, imports included, when a
-- zone is registered (:institution_id null, :live_only false), or the live rows (import_id 0) of
-- the days a recompute touched. The caller deleted those days first.
INSERT INTO local_daily_event_counts
    (institution_id, zone, day, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate, import_id)
SELECT institution_id, :zone, day, event_type, events, processing_time_ms_sum, processing_time_count,
       actors, hll_cardinality(actors), import_id
FROM (SELECT institution_id, (quarter_hour AT TIME ZONE :zone)::date AS day, event_type, sum(events) AS events,
             sum(processing_time_ms_sum) AS processing_time_ms_sum, sum(processing_time_count) AS processing_time_count,
             hll_union_agg(actors) AS actors, import_id
      FROM quarter_hourly_event_counts
      WHERE (CAST(:institution_id AS BIGINT) IS NULL OR institution_id = :institution_id)
        AND quarter_hour >= :from_ts AND quarter_hour < :to_ts
        AND (NOT :live_only OR import_id = 0)
      GROUP BY institution_id, 2, event_type, import_id) AS quarter_hours
