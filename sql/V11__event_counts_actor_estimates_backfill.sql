-- Fills actors_estimate for the rows that existed before V10 (data only, in its own migration:
-- see V6). Locking the progress row keeps a rollup step of another instance out meanwhile.
SELECT last_id FROM rollup_progress WHERE name = 'events' FOR UPDATE;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'hll') THEN
        UPDATE hourly_event_counts SET actors_estimate = hll_cardinality(actors) WHERE actors IS NOT NULL;
        UPDATE daily_event_counts SET actors_estimate = hll_cardinality(actors) WHERE actors IS NOT NULL;
        UPDATE monthly_event_counts SET actors_estimate = hll_cardinality(actors) WHERE actors IS NOT NULL;
    END IF;
END
$$;
