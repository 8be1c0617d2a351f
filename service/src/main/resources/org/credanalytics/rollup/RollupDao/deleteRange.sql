-- A recompute's first half: one institution's rows of one rollup in [from_ts, to_ts).
DELETE FROM <grain>_<dimension>
WHERE institution_id = :institution_id AND <bucket> >= :from_ts AND <bucket> < :to_ts
