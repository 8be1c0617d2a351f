-- Merges the staged hourly rows into the original design's daily table (UTC days): counts and the
-- recipients sketch from the staged event counts, credential type counts from the staged types.
-- One aggregate over both staging tables rather than a join of two: the staging tables' statistics
-- are those of an empty table (they are emptied every step), and with them the planner joined the
-- two sides with a nested loop that re-aggregated the types once per row: seconds per step.
INSERT INTO daily_analytics_rollups AS r
    (institution_id, date, credentials_issued, views, shares, events, processing_time_ms_sum, processing_time_count,
     avg_processing_time, credential_type_counts, top_credential_types, recipients, unique_recipients)
SELECT institution_id, date, issued, views, shares, events, pt_sum, pt_count,
       analytics_avg_interval(pt_sum, pt_count), counts, analytics_top_counts(counts, 5),
       recipients, hll_cardinality(recipients)::integer
FROM (SELECT institution_id, date,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_issued'), 0)::bigint AS issued,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_viewed'), 0)::bigint AS views,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_shared'), 0)::bigint AS shares,
             COALESCE(sum(events), 0)::bigint AS events,
             COALESCE(sum(processing_time_ms_sum) FILTER (WHERE event_type = 'credential_issued'), 0) AS pt_sum,
             COALESCE(sum(processing_time_count) FILTER (WHERE event_type = 'credential_issued'), 0)::bigint AS pt_count,
             hll_union_agg(actors) FILTER (WHERE event_type = 'credential_issued') AS recipients,
             COALESCE(jsonb_object_agg(credential_type, type_issued) FILTER (WHERE credential_type IS NOT NULL),
                      '{}') AS counts
      FROM (SELECT institution_id, (hour AT TIME ZONE 'UTC')::date AS date, event_type, events,
                   processing_time_ms_sum, processing_time_count, actors,
                   NULL::text AS credential_type, NULL::bigint AS type_issued
            FROM rollup_staged_event_counts
            UNION ALL
            SELECT institution_id, (hour AT TIME ZONE 'UTC')::date, NULL, NULL, NULL, NULL, NULL,
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
    top_credential_types = analytics_top_counts(analytics_merge_counts(r.credential_type_counts, EXCLUDED.credential_type_counts), 5),
    recipients = hll_union(COALESCE(r.recipients, hll_empty()), COALESCE(EXCLUDED.recipients, hll_empty())),
    unique_recipients = hll_cardinality(hll_union(COALESCE(r.recipients, hll_empty()), COALESCE(EXCLUDED.recipients, hll_empty())))::integer
