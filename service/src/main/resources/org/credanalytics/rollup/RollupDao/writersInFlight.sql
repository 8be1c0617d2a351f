-- Transactions writing to analytics_events right now. A writer takes ROW EXCLUSIVE on the table
-- before it draws its first id and keeps it until it ends, so any id already drawn belongs to a
-- transaction that has ended or is listed here.
SELECT DISTINCT virtualtransaction FROM pg_locks
WHERE locktype = 'relation' AND relation = 'analytics_events'::regclass
  AND mode = 'RowExclusiveLock' AND granted AND pid <> pg_backend_pid()
