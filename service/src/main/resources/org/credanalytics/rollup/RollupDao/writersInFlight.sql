-- Transactions writing to analytics_events right now. A writer takes ROW EXCLUSIVE on the table
-- before it draws its first id and keeps it until it ends, so any id already drawn belongs to a
-- transaction that has ended or is listed here. A write through a Citus worker is represented here
-- by its id lease on the coordinator, which holds the writers' advisory lock (keyed by the table's
-- oid, see ingest/IdLease/lockAsWriter.sql) from before it draws ids until the worker's write ended.
SELECT DISTINCT virtualtransaction FROM pg_locks
WHERE granted AND pid <> pg_backend_pid()
  AND ((locktype = 'relation' AND relation = 'analytics_events'::regclass AND mode = 'RowExclusiveLock')
    OR (locktype = 'advisory' AND classid = 0 AND objid = 'analytics_events'::regclass AND objsubid = 1))
