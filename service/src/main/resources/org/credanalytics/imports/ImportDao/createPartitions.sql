-- The raw-event partitions of these UTC days, where missing (see sql/V18).
SELECT analytics_create_partitions(CAST(CAST(:days AS TEXT[]) AS DATE[]))
