-- Ids for a flush written through a Citus worker, from the same sequence as the coordinator's own
-- inserts, so the rollup job reads one id order whatever node wrote the rows.
SELECT nextval('analytics_events_id_seq') FROM generate_series(1, ?)
