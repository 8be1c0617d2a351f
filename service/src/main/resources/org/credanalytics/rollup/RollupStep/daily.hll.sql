-- Merges the events with from_id < id <= to_id into the original design's daily table (UTC days).
-- The inner query groups issued credentials by type, so the outer one can build the type counts.
INSERT INTO daily_analytics_rollups AS r
    (institution_id, date, credentials_issued, views, shares, events, processing_time_ms_sum, processing_time_count,
     avg_processing_time, credential_type_counts, top_credential_types, recipients, unique_recipients)
SELECT institution_id, date, sum(issued), sum(views), sum(shares), sum(events), sum(pt_sum), sum(pt_count),
       analytics_avg_interval(sum(pt_sum), sum(pt_count)::bigint),
       COALESCE(jsonb_object_agg(credential_type, issued) FILTER (WHERE credential_type IS NOT NULL), '{}'),
       analytics_top_counts(COALESCE(jsonb_object_agg(credential_type, issued) FILTER (WHERE credential_type IS NOT NULL), '{}'), 5),
       hll_union_agg(recipients), hll_cardinality(hll_union_agg(recipients))::integer
FROM (SELECT institution_id, (issued_at AT TIME ZONE 'UTC')::date AS date,
             CASE WHEN event_type = 'credential_issued' THEN analytics_credential_type(metadata) END AS credential_type,
             count(*) FILTER (WHERE event_type = 'credential_issued') AS issued,
             count(*) FILTER (WHERE event_type = 'credential_viewed') AS views,
             count(*) FILTER (WHERE event_type = 'credential_shared') AS shares,
             count(*) AS events,
             COALESCE(sum(analytics_processing_time_ms(metadata)) FILTER (WHERE event_type = 'credential_issued'), 0) AS pt_sum,
             count(analytics_processing_time_ms(metadata)) FILTER (WHERE event_type = 'credential_issued') AS pt_count,
             hll_add_agg(hll_hash_text(metadata ->> 'recipient_id')) FILTER (WHERE event_type = 'credential_issued') AS recipients
      FROM analytics_events
      WHERE id > :from_id AND id <= :to_id
      GROUP BY institution_id, 2, 3) AS per_type
GROUP BY institution_id, date
ON CONFLICT (institution_id, date) DO UPDATE SET
    credentials_issued = r.credentials_issued + EXCLUDED.credentials_issued,
    views = r.views + EXCLUDED.views,
    shares = r.shares + EXCLUDED.shares,
    events = r.events + EXCLUDED.events,
    processing_time_ms_sum = r.processing_time_ms_sum + EXCLUDED.processing_time_ms_sum,
    processing_time_count = r.processing_time_count + EXCLUDED.processing_time_count,
    avg_processing_time = analytics_avg_interval(r.processing_time_ms_sum + EXCLUDED.processing_time_ms_sum,
                                                 r.processing_time_count + EXCLUDED.processing_time_count),
    credential_type_counts = analytics_merge_counts(r.credential_type_counts, EXCLUDED.credential_type_counts),
    top_credential_types = analytics_top_counts(analytics_merge_counts(r.credential_type_counts, EXCLUDED.credential_type_counts), 5),
    recipients = hll_union(COALESCE(r.recipients, hll_empty()), COALESCE(EXCLUDED.recipients, hll_empty())),
    unique_recipients = hll_cardinality(hll_union(COALESCE(r.recipients, hll_empty()), COALESCE(EXCLUDED.recipients, hll_empty())))::integer
