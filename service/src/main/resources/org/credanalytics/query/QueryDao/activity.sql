-- Per period and event type: counts, processing-time sums and unique actors (recipients of
-- issued credentials, viewers of views) of one institution, from the rollups and the raw tail as
-- readPlan.stg composes them, each row dated by the start of its month, day, hour or quarter hour.
-- wholeRange gives one row per type for the whole range, dated fromDate.
WITH buckets AS (
    $readPlan(family="event_counts", bucketed=true,
              columns="event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate",
              tailKeys={event_type},
              tailValues={count(*), COALESCE(sum(analytics_processing_time_ms(metadata)), 0),
                          count(analytics_processing_time_ms(metadata)),
                          hll_add_agg(hll_hash_text(analytics_actor(event_type, metadata))),
                          hll_cardinality(hll_add_agg(hll_hash_text(analytics_actor(event_type, metadata))))})$
), periods AS (
    SELECT CASE WHEN :wholeRange THEN CAST(:fromDate AS date)
                ELSE date_trunc(:periodUnit, bucket AT TIME ZONE :tz)::date END AS period,
           event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM buckets
), sketch_counts AS (
    SELECT *, count(*) OVER (PARTITION BY period, event_type) AS sketches
    FROM periods
)
-- hll_union_agg sets up a large state per group, and hll_cardinality unpacks a sketch: together
-- they dominated a year by day. A period made of one row (a whole month from the monthly rollup, a
-- day with events in one hour only) takes the row's estimate instead; only periods of several rows
-- pay for the union. Days in UTC have a statement of their own, activityByUtcDay.sql.
SELECT period,
       event_type,
       sum(events)::bigint AS events,
       sum(processing_time_ms_sum) AS processing_time_ms_sum,
       sum(processing_time_count)::bigint AS processing_time_count,
       round(COALESCE(hll_cardinality(hll_union_agg(actors) FILTER (WHERE sketches > 1)),
                      max(actors_estimate) FILTER (WHERE sketches = 1)))::bigint AS uniques
FROM sketch_counts
GROUP BY period, event_type
