-- Each event-count rollup row keeps its sketch's estimate next to it, set by the same merge that
-- sets the sketch: a dashboard period made of one row (a day of a year by day) then needs no
-- hll_cardinality at query time, which was most of what a busy institution's year by day cost.
-- NULL without hll, and for rows written before V11 filled it in.
ALTER TABLE hourly_event_counts ADD COLUMN actors_estimate DOUBLE PRECISION;
ALTER TABLE daily_event_counts ADD COLUMN actors_estimate DOUBLE PRECISION;
ALTER TABLE monthly_event_counts ADD COLUMN actors_estimate DOUBLE PRECISION;
