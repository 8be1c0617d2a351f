-- The first and last day that may hold events the rollup job has not reached (see sql/V21).
SELECT min(day) AS first, max(day) AS last FROM unrolled_days
