-- The original design's daily table, with its columns, as a view over the daily rollups: nothing
-- maintains it, and it can't drift from them. UTC days. The sums and counts it derives from, and
-- the recipients sketch, are columns too, so readers can merge days (Grafana's panels do).
-- One join of two per-day aggregates on (institution_id, day): co-located on Citus, so a query
-- for one institution goes to one worker, and one across institutions runs on every worker.
CREATE VIEW daily_analytics_rollups AS
SELECT c.institution_id,
       (c.day AT TIME ZONE 'UTC')::date                                     AS date,
       c.credentials_issued::integer                                        AS credentials_issued,
       round(COALESCE(hll_cardinality(c.recipients), 0))::integer           AS unique_recipients,
       c.views::integer                                                     AS views,
       c.shares::integer                                                    AS shares,
       c.events::integer                                                    AS events,
       analytics_avg_interval(c.processing_time_ms_sum, c.processing_time_count) AS avg_processing_time,
       analytics_top_counts(t.counts, 5)                                    AS top_credential_types,
       c.processing_time_ms_sum,
       c.processing_time_count,
       COALESCE(t.counts, '{}'::jsonb)                                      AS credential_type_counts,
       c.recipients
FROM (SELECT institution_id, day,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_issued'), 0) AS credentials_issued,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_viewed'), 0) AS views,
             COALESCE(sum(events) FILTER (WHERE event_type = 'credential_shared'), 0) AS shares,
             sum(events) AS events,
             COALESCE(sum(processing_time_ms_sum) FILTER (WHERE event_type = 'credential_issued'), 0) AS processing_time_ms_sum,
             COALESCE(sum(processing_time_count) FILTER (WHERE event_type = 'credential_issued'), 0)::bigint AS processing_time_count,
             hll_union_agg(actors) FILTER (WHERE event_type = 'credential_issued') AS recipients
      FROM daily_event_counts
      GROUP BY institution_id, day) AS c
LEFT JOIN (SELECT institution_id, day, jsonb_object_agg(credential_type, credentials_issued) AS counts
           FROM daily_credential_types
           GROUP BY institution_id, day) AS t
       ON t.institution_id = c.institution_id AND t.day = c.day;

COMMENT ON VIEW daily_analytics_rollups IS 'The original design''s daily table (UTC days), derived from daily_event_counts and daily_credential_types.';
