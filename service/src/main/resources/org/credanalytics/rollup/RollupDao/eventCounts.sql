-- Merges the staged quarter-hour counts into the per-<bucket> rollup (<grain>: quarter_hourly,
-- hourly, daily or monthly). actors_estimate is the estimate of the merged sketch, kept for
-- queries that read a row alone.
INSERT INTO <grain>_event_counts AS r
    (institution_id, <bucket>, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate, import_id)
SELECT institution_id, bucket, event_type, events, processing_time_ms_sum, processing_time_count,
       actors, hll_cardinality(actors), import_id
FROM (SELECT institution_id, analytics_<bucket>(quarter_hour) AS bucket, event_type, sum(events) AS events,
             sum(processing_time_ms_sum) AS processing_time_ms_sum, sum(processing_time_count) AS processing_time_count,
             hll_union_agg(actors) AS actors, import_id
      FROM rollup_staged_event_counts
      GROUP BY institution_id, analytics_<bucket>(quarter_hour), event_type, import_id) AS staged
ON CONFLICT (institution_id, <bucket>, event_type, import_id) DO UPDATE SET
    events = r.events + EXCLUDED.events,
    processing_time_ms_sum = r.processing_time_ms_sum + EXCLUDED.processing_time_ms_sum,
    processing_time_count = r.processing_time_count + EXCLUDED.processing_time_count,
    actors = hll_union(COALESCE(r.actors, hll_empty()), COALESCE(EXCLUDED.actors, hll_empty())),
    actors_estimate = hll_cardinality(hll_union(COALESCE(r.actors, hll_empty()), COALESCE(EXCLUDED.actors, hll_empty())))
