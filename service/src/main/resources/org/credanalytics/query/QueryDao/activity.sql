-- Per period and event type: counts, processing-time sums and unique actors (recipients of
-- issued credentials, viewers of views) of one institution, from the rollups and the raw tail as
-- readPlan.stg composes them, each row dated by the start of its month, day, hour or quarter hour.
-- wholeRange gives one row per type for the whole range, dated fromDate.
WITH buckets AS (
    $readPlan(family="event_counts", bucketed=true,
              columns="event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate",
              tailKeys={event_type},
              tailValues={$rawEventCounts()$, $rawActors()$, hll_cardinality($rawActors()$)})$
), periods AS (
    SELECT CASE WHEN :wholeRange THEN CAST(:fromDate AS date)
                ELSE date_trunc(:periodUnit, bucket AT TIME ZONE :tz)::date END AS period,
           event_type, events, processing_time_ms_sum, processing_time_count, actors, actors_estimate
    FROM buckets
), sketch_counts AS (
    SELECT *, count(*) OVER (PARTITION BY period, event_type) AS sketches
    FROM periods
)
-- Days in UTC have a statement of their own, activityByUtcDay.sql.
$periodTotals()$
