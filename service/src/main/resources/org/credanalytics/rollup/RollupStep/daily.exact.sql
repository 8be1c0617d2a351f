-- As daily.hll.sql, without hll: unique_recipients stays NULL and the API counts recipients
-- exactly from the raw events.
INSERT INTO daily_analytics_rollups AS r
    (institution_id, date, credentials_issued, views, shares, events, processing_time_ms_sum, processing_time_count,
     avg_processing_time, credential_type_counts, top_credential_types)
SELECT institution_id, date, issued, views, shares, events, pt_sum, pt_count,
       analytics_avg_interval(pt_sum, pt_count), counts, analytics_top_counts(counts, 5)
FROM (SELECT institution_id, date,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_issued'), 0)::bigint AS issued,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_viewed'), 0)::bigint AS views,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_shared'), 0)::bigint AS shares,
             COALESCE(sum(events), 0)::bigint AS events,
             COALESCE(sum(processing_time_ms_sum) FILTER (WHERE event_type = 'credential_issued'), 0) AS pt_sum,
             COALESCE(sum(processing_time_count) FILTER (WHERE event_type = 'credential_issued'), 0)::bigint AS pt_count,
             COALESCE(jsonb_object_agg(credential_type, type_issued) FILTER (WHERE credential_type IS NOT NULL),
                      '{}') AS counts
      FROM (SELECT institution_id, (hour AT TIME ZONE 'UTC')::date AS date, event_type, events,
                   processing_time_ms_sum, processing_time_count,
                   NULL::text AS credential_type, NULL::bigint AS type_issued
            FROM rollup_staged_event_counts
            UNION ALL
            SELECT institution_id, (hour AT TIME ZONE 'UTC')::date, NULL, NULL, NULL, NULL,
                   credential_type, sum(credentials_issued)
            FROM rollup_staged_credential_types
            GROUP BY institution_id, 2, credential_type) AS staged
      GROUP BY institution_id, date) AS d
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
