-- A recompute's first half: one institution's live rows of one rollup in [from_ts, to_ts). Rows of
-- imports stay: their events are not in the raw events a recompute reads.
DELETE FROM <grain>_<dimension>
WHERE institution_id = :institution_id AND <bucket> >= :from_ts AND <bucket> < :to_ts AND import_id = 0
