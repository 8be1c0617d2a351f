-- Citus: whether per-tenant statistics are collected ('none' unless citus.stat_tenants_track is set).
SELECT COALESCE(current_setting('citus.stat_tenants_track', true), 'none')
