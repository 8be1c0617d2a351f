-- After each step: the staging tables take a step's rows and lose them again, so without this
-- they would hold every dead row since autovacuum's last visit, and each merge would scan them.
VACUUM rollup_staged_event_counts, rollup_staged_geo, rollup_staged_credential_types
