-- Citus: the latest rebalance job (no row when there never was one).
SELECT job_id, state::text AS state, job_type::text AS job_type, description, started_at, finished_at,
       details::text AS details
FROM citus_rebalance_status()
