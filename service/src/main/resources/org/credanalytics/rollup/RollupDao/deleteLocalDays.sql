-- A recompute's local days of one zone, [first, last], before they are rebuilt.
DELETE FROM local_daily_event_counts
WHERE institution_id = :institution_id AND zone = :zone AND day >= :first AND day <= :last
