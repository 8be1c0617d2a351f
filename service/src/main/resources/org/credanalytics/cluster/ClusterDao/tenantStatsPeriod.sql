-- Citus: the length of a citus_stat_tenants period, in seconds (citus.stat_tenants_period, 60 by default).
SELECT current_setting('citus.stat_tenants_period')::int
