-- Stages the selected events as quarter-hour counts by event type: the one pass over the raw
-- events that the event-count rollups of every grain are merged from. <selection>: the step's id
-- window, or a recompute's institution and range, of the live events; or an import's chunk
-- (EventSelection). :importId tags the rows: 0 for live events, else the import's id.
INSERT INTO rollup_staged_event_counts
    (institution_id, quarter_hour, event_type, events, processing_time_ms_sum, processing_time_count, actors, import_id)
SELECT institution_id, analytics_quarter_hour(issued_at), event_type, count(*),
       COALESCE(sum(analytics_processing_time_ms(metadata)), 0), count(analytics_processing_time_ms(metadata)),
       hll_add_agg(hll_hash_text(analytics_actor(event_type, metadata))), CAST(:importId AS BIGINT)
FROM <source>
WHERE <selection>
GROUP BY institution_id, analytics_quarter_hour(issued_at), event_type
