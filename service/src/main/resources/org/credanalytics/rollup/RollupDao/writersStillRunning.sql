SELECT count(*) FROM pg_locks
WHERE virtualtransaction = ANY(:writers)
  AND ((locktype = 'relation' AND relation = 'analytics_events'::regclass)
    OR (locktype = 'advisory' AND classid = 0 AND objid = 'analytics_events'::regclass AND objsubid = 1))
