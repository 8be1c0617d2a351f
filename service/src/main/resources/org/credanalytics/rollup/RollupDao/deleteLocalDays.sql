-- A recompute's local days of one zone, [first, last], before they are rebuilt: the live rows only,
-- as a recompute rebuilds only what the raw events of live ingest hold (imports keep theirs).
DELETE FROM local_daily_event_counts
WHERE institution_id = :institution_id AND zone = :zone AND day >= :first AND day <= :last AND import_id = 0
