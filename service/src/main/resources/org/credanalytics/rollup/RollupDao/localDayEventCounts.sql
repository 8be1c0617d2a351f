-- Merges the staged quarter-hour counts into the local days of one registered zone, as
-- eventCounts.sql does into the UTC grains. The zone is a parameter, not a join with
-- local_day_zones: on Citus a task that read that reference table beside staging shards written
-- over several connections in the step's transaction was refused ("placements that were modified
-- over multiple connections").
INSERT INTO local_daily_event_counts AS r
    (institution_id, zone, day, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate, import_id)
SELECT institution_id, :zone, day, event_type, events, processing_time_ms_sum, processing_time_count,
       actors, hll_cardinality(actors), import_id
FROM (SELECT s.institution_id, (s.quarter_hour AT TIME ZONE :zone)::date AS day, s.event_type,
             sum(s.events) AS events, sum(s.processing_time_ms_sum) AS processing_time_ms_sum,
             sum(s.processing_time_count) AS processing_time_count, hll_union_agg(s.actors) AS actors, s.import_id
      FROM rollup_staged_event_counts s
      GROUP BY s.institution_id, 2, s.event_type, s.import_id) AS staged
ON CONFLICT (institution_id, zone, day, event_type, import_id) DO UPDATE SET
    events = r.events + EXCLUDED.events,
    processing_time_ms_sum = r.processing_time_ms_sum + EXCLUDED.processing_time_ms_sum,
    processing_time_count = r.processing_time_count + EXCLUDED.processing_time_count,
    actors = hll_union(COALESCE(r.actors, hll_empty()), COALESCE(EXCLUDED.actors, hll_empty())),
    actors_estimate = hll_cardinality(hll_union(COALESCE(r.actors, hll_empty()), COALESCE(EXCLUDED.actors, hll_empty())))
