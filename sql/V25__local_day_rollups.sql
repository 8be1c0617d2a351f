-- Event counts per local day of the time zones that dashboards use (rollup.localDayZones): a
-- year by day in Asia/Kolkata reads 365 rows per event type, as UTC does from the daily rollup,
-- rather than 24 hourly rows and the split hours' quarter hours per day. Kept for the zones in
-- local_day_zones: the service adds a configured zone, filled from the quarter-hour rollup in the
-- transaction that registers it, and removes one no longer configured. Every rollup step merges
-- its staged quarter hours into every registered zone's days; a recompute rebuilds the local days
-- it touched from the quarter-hour rollup. Zones' offsets are whole quarter hours, so a quarter
-- hour belongs to exactly one local day.
CREATE TABLE local_day_zones (
    zone          TEXT        PRIMARY KEY,
    registered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE local_daily_event_counts (
    institution_id         BIGINT           NOT NULL,
    zone                   TEXT             NOT NULL,
    day                    DATE             NOT NULL, -- the local date in zone
    event_type             VARCHAR(50)      NOT NULL,
    events                 BIGINT           NOT NULL,
    processing_time_ms_sum NUMERIC          NOT NULL DEFAULT 0,
    processing_time_count  BIGINT           NOT NULL DEFAULT 0,
    actors                 hll,
    actors_estimate        DOUBLE PRECISION,
    PRIMARY KEY (institution_id, zone, day, event_type)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_reference_table('local_day_zones');
        PERFORM create_distributed_table('local_daily_event_counts', 'institution_id', colocate_with => 'hourly_event_counts');
    END IF;
END
$$;
