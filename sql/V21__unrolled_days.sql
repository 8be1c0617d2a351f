-- The UTC days that may hold raw events the rollup job has not reached, so that the queries'
-- raw tail reads those days' partitions only, however many partitions there are: with live
-- traffic, today's (and yesterday's around midnight), plus the days of recent late events.
-- The batch writer announces the days of a flush in the flush's own transaction, after its COPY
-- (written_at: the statement's time, later than any id the COPY drew), and re-announces a day at
-- most every 5 minutes. The rollup job forgets a day announced more than 10 minutes before a
-- horizon it has caught up with: every event relying on that announcement has an id below the
-- horizon, so it is in the rollups. Events written around the service (psql \copy, say) are not
-- announced: they count once the rollup job has them, which reads every partition.
-- Few rows, read by every dashboard query: a reference table on Citus.
CREATE TABLE unrolled_days (
    day        DATE        PRIMARY KEY,
    written_at TIMESTAMPTZ NOT NULL
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_reference_table('unrolled_days');
    END IF;
END
$$;
