-- Merges the staged hourly counts into the per-<bucket> rollup (<grain> = hourly, daily or monthly).
INSERT INTO <grain>_event_counts AS r
    (institution_id, <bucket>, event_type, events, processing_time_ms_sum, processing_time_count, actors)
SELECT institution_id, analytics_<bucket>(hour), event_type, sum(events),
       sum(processing_time_ms_sum), sum(processing_time_count), hll_union_agg(actors)
FROM rollup_staged_event_counts
GROUP BY institution_id, analytics_<bucket>(hour), event_type
ON CONFLICT (institution_id, <bucket>, event_type) DO UPDATE SET
    events = r.events + EXCLUDED.events,
    processing_time_ms_sum = r.processing_time_ms_sum + EXCLUDED.processing_time_ms_sum,
    processing_time_count = r.processing_time_count + EXCLUDED.processing_time_count,
    actors = hll_union(COALESCE(r.actors, hll_empty()), COALESCE(EXCLUDED.actors, hll_empty()))
