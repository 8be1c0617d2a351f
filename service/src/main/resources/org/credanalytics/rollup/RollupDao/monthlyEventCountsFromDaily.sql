-- A recompute's monthly event counts: the months it touched, rebuilt from their daily rows (the
-- daily rollup holds every day of a month, also where the raw events of its other days expired).
INSERT INTO monthly_event_counts
    (institution_id, month, event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate)
SELECT institution_id, month, event_type, events, processing_time_ms_sum, processing_time_count,
       actors, hll_cardinality(actors)
FROM (SELECT institution_id, analytics_month(day) AS month, event_type, sum(events) AS events,
             sum(processing_time_ms_sum) AS processing_time_ms_sum, sum(processing_time_count) AS processing_time_count,
             hll_union_agg(actors) AS actors
      FROM daily_event_counts
      WHERE institution_id = :institution_id AND day >= :from_ts AND day < :to_ts AND import_id = 0
      GROUP BY institution_id, analytics_month(day), event_type) AS daily
