SELECT count(*) FROM pg_locks
WHERE locktype = 'relation' AND relation = 'analytics_events'::regclass
  AND virtualtransaction = ANY(:writers)
