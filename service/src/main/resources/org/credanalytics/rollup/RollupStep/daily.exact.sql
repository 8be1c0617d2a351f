-- As daily.hll.sql, without hll: unique_recipients stays NULL and the API counts recipients
-- exactly from the raw events.
INSERT INTO daily_analytics_rollups AS r
    (institution_id, date, credentials_issued, views, shares, events, processing_time_ms_sum, processing_time_count,
     avg_processing_time, credential_type_counts, top_credential_types)
SELECT c.institution_id, c.date, c.issued, c.views, c.shares, c.events, c.pt_sum, c.pt_count,
       analytics_avg_interval(c.pt_sum, c.pt_count),
       COALESCE(t.counts, '{}'), analytics_top_counts(COALESCE(t.counts, '{}'), 5)
FROM (SELECT institution_id, (hour AT TIME ZONE 'UTC')::date AS date,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_issued'), 0)::bigint AS issued,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_viewed'), 0)::bigint AS views,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_shared'), 0)::bigint AS shares,
             sum(events)::bigint AS events,
             COALESCE(sum(processing_time_ms_sum) FILTER (WHERE event_type = 'credential_issued'), 0) AS pt_sum,
             COALESCE(sum(processing_time_count) FILTER (WHERE event_type = 'credential_issued'), 0)::bigint AS pt_count
      FROM rollup_staged_event_counts
      GROUP BY institution_id, 2) AS c
LEFT JOIN (SELECT institution_id, date, jsonb_object_agg(credential_type, issued) AS counts
           FROM (SELECT institution_id, (hour AT TIME ZONE 'UTC')::date AS date, credential_type,
                        sum(credentials_issued) AS issued
                 FROM rollup_staged_credential_types
                 GROUP BY institution_id, 2, 3) AS per_type
           GROUP BY institution_id, date) AS t
       ON t.institution_id = c.institution_id AND t.date = c.date
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
    top_credential_types = analytics_top_counts(analytics_merge_counts(r.credential_type_counts, EXCLUDED.credential_type_counts), 5)
