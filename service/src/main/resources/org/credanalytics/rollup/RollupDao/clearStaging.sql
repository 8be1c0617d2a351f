-- Empties the staging tables before the step commits: their rows never outlive a step.
DELETE FROM rollup_staged_event_counts;
DELETE FROM rollup_staged_geo;
DELETE FROM rollup_staged_credential_types;
