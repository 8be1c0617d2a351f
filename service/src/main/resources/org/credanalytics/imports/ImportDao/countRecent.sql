SELECT count(*) FROM import_staged_events WHERE issued_at >= :raw_from
