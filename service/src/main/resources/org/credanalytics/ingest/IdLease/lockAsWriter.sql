-- Marks this transaction as an ingest writer until it ends, before it draws any id: the rollup
-- job's horizon (rollup/RollupDao/writersInFlight.sql) waits for every transaction holding this
-- lock, as it waits for those holding ROW EXCLUSIVE on analytics_events. Shared: writers never
-- wait for each other. The key is the table's oid, as a bigint (pg_locks: classid 0, objsubid 1).
SELECT pg_advisory_xact_lock_shared('analytics_events'::regclass::oid::bigint)
