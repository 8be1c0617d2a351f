-- Which of the given (institution_id, event_id, issued_at) keys are already stored.
-- The unnest is joined as a set-returning function, which Citus pushes down to the shards.
SELECT e.institution_id, e.event_id, e.issued_at
FROM analytics_events e
JOIN unnest(?::bigint[], ?::text[], ?::timestamptz[]) AS k(institution_id, event_id, issued_at)
  ON e.institution_id = k.institution_id
 AND e.event_id = k.event_id
 AND e.issued_at = k.issued_at
